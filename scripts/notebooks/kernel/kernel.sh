#!/usr/bin/env bash
# Starts the JetBrains Kotlin kernel (0.11.0-398) for the UniME-V2 notebooks. Jupyter runs it from kernel.json with
# the connection file as its only argument, in the notebook's folder.
#
# Two classpaths: the kernel process runs on lib/*; notebook code compiles and runs against the "-cp=" list, which
# holds the project's fat jar, the Spark jars it was built against (spark.classpath; a cluster would provide them),
# XChart (notebook-lib/) and the kernel's script API. Keeping Spark off the kernel's own
# classpath keeps its logback/slf4j apart from Spark's log4j.
#
# UNIME_JOBS_JAR   the fat jar (default: jobs/target/unime-jobs-*-all.jar of the repository above the notebook folder)
# UNIME_NOTEBOOK_HEAP  max heap of the kernel JVM, which also runs Spark's local driver (default 3g)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

jar="${UNIME_JOBS_JAR:-}"
if [ -z "$jar" ]; then
  for root in "$PWD/.." "$PWD"; do
    for f in "$root"/jobs/target/unime-jobs-*-all.jar; do
      if [ -f "$f" ]; then jar="$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"; break 2; fi
    done
  done
fi
if [ ! -f "$jar" ]; then
  echo "Cannot start the unime-kotlin kernel: no fat jar (UNIME_JOBS_JAR='${UNIME_JOBS_JAR:-}', and no" \
    "jobs/target/unime-jobs-*-all.jar above $PWD); build it with: mvn -B -q -pl jobs -am package -DskipTests" >&2
  exit 1
fi

script_cp="$jar:$(cat "$home/spark.classpath")"
for f in "$home"/notebook-lib/*.jar; do script_cp+=":$f"; done
for f in kotlin-jupyter-lib-0.11.0-398 kotlin-jupyter-api-0.11.0-398 kotlin-stdlib-1.8.20 kotlin-stdlib-jdk7-1.8.20 \
    kotlin-stdlib-jdk8-1.8.20 kotlin-reflect-1.8.20 kotlin-script-runtime-1.8.20 kotlin-stdlib-common-1.6.21; do
  script_cp+=":$home/lib/$f.jar"
done

# slf4j.provider: Spark's slf4j (2.0.16) takes log4j2 directly instead of tripping over the kernel's logback service
# entry (the kernel's own slf4j 2.0.5 ignores the property). Spark's driver stays on loopback (otherwise it binds to
# the first network interface).
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx"${UNIME_NOTEBOOK_HEAP:-3g}" -Djava.awt.headless=true \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  -Dlogback.configurationFile="$home/logback.xml" -Dlog4j2.configurationFile="$home/log4j2.properties" \
  -Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider \
  -cp "$home/lib/*" org.jetbrains.kotlinx.jupyter.IkotlinKt "-cp=$script_cp" "-home=$home" "$@"
