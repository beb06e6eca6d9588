#!/usr/bin/env bash
# Submits the jobs fat jar's CLI to the cluster start-local-cluster.sh started, as spark-submit would:
#
#   scripts/cluster/submit-local.sh [--quick | --profile NAME] [--conf key=value]... <command>
#
# The driver runs in this shell's JVM (client mode) with conf/local.conf minus its master; executors get DJL
# offline settings. Extra spark-submit options can go in SPARK_SUBMIT_OPTS_EXTRA (e.g. "--conf spark.executor.memory=2g").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
state="${STATE_DIR:-$root/work-dir/cluster}"
url="$(cat "$state/master-url" 2>/dev/null)" || {
  echo "Cannot submit: no cluster in $state; run scripts/cluster/start-local-cluster.sh first" >&2
  exit 1
}
jar=$(ls "$root"/jobs/target/unime-jobs-*-all.jar 2>/dev/null | tail -n 1)
[ -n "$jar" ] || { echo "Cannot submit: no fat jar; run mvn -DskipTests package first" >&2; exit 1; }
export SPARK_HOME="${SPARK_HOME:-$(bash "$here/build-spark-home.sh" | tail -n 1)}"
export SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_CONF_DIR="$state/conf"
djl_cache="${DJL_CACHE_DIR:-$HOME/.djl.ai}"
driver_conf="$state/driver.conf"
printf 'include file("%s")\nunime.spark.master = ""\n' "$root/conf/local.conf" >"$driver_conf"

# What bin/spark-submit adds for Spark 4.0 (org.apache.spark.launcher.JavaModuleOptions); a driver started with
# plain java needs them (stack.md P6). Executors get them from the worker.
opens=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
# shellcheck disable=SC2086
exec java -Xmx1g "${opens[@]}" "-Dconfig.file=$driver_conf" -Dai.djl.offline=true "-DDJL_CACHE_DIR=$djl_cache" \
  -Djava.awt.headless=true "-Dlog4j2.configurationFile=$root/conf/log4j2.properties" \
  -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit --master "$url" --deploy-mode client \
  --class org.unime.jobs.UnimeCli \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --conf spark.executor.cores=1 --conf spark.executor.memory=1g \
  --conf "spark.executor.extraJavaOptions=-Dai.djl.offline=true -DDJL_CACHE_DIR=$djl_cache -Djava.awt.headless=true" \
  ${SPARK_SUBMIT_OPTS_EXTRA:-} "$jar" "$@"
