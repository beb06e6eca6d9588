#!/usr/bin/env bash
# Starts a Spark standalone cluster on 127.0.0.1 from Maven jars only (no Spark distribution needed):
# one Master and N Workers, in the background, the way the cluster tests do (shared/notes/stack.md §5).
#
#   scripts/cluster/start-local-cluster.sh            then: scripts/cluster/submit-local.sh [--conf k=v]... <command>
#   scripts/cluster/stop-local-cluster.sh
#
# Environment (optional): WORKERS (2), WORKER_CORES (1), WORKER_MEMORY (3g), MASTER_PORT (7077), MASTER_UI_PORT
# (8080), STATE_DIR (work-dir/cluster), FAKE_GPU=true (workers offer one FAKE "GPU", address 0, via
# fake-gpu-discovery.sh: for trying the GPU settings on a CPU machine only), SPARK_HOME (default: built into
# tests/target/spark-home by build-spark-home.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
state="${STATE_DIR:-$root/work-dir/cluster}"
workers="${WORKERS:-2}"
master_port="${MASTER_PORT:-7077}"
ui_port="${MASTER_UI_PORT:-8080}"

if [ -f "$state/master.pid" ] && kill -0 "$(cat "$state/master.pid")" 2>/dev/null; then
  echo "Cannot start: a cluster from $state is running (pid $(cat "$state/master.pid")); run stop-local-cluster.sh" >&2
  exit 1
fi
export SPARK_HOME="${SPARK_HOME:-$(bash "$here/build-spark-home.sh" | tail -n 1)}"
export SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_CONF_DIR="$state/conf"
mkdir -p "$state/conf"
cp=("$SPARK_HOME/jars/*")
java_opts=(-Xmx512m -XX:TieredStopAtLevel=1)

nohup java "${java_opts[@]}" -cp "${cp[@]}" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$master_port" --webui-port "$ui_port" >"$state/master.log" 2>&1 &
echo $! >"$state/master.pid"
url="spark://127.0.0.1:$master_port"

worker_opts=()
if [ "${FAKE_GPU:-false}" = true ]; then
  echo "[cluster] workers offer a FAKE GPU (address 0) from fake-gpu-discovery.sh: no real device" >&2
  worker_opts=(-Dspark.worker.resource.gpu.amount=1 "-Dspark.worker.resource.gpu.discoveryScript=$here/fake-gpu-discovery.sh")
fi
for ((i = 0; i < workers; i++)); do
  nohup java "${java_opts[@]}" "${worker_opts[@]}" -cp "${cp[@]}" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --port 0 --webui-port 0 --cores "${WORKER_CORES:-1}" --memory "${WORKER_MEMORY:-3g}" \
    --work-dir "$state/worker-$i" "$url" >"$state/worker-$i.log" 2>&1 &
  echo $! >"$state/worker-$i.pid"
done
echo "$url" >"$state/master-url"

for _ in $(seq 1 120); do
  alive=$(curl -s "http://127.0.0.1:$ui_port/json/" 2>/dev/null | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$' || true)
  if [ "${alive:-0}" -ge "$workers" ]; then
    echo "[cluster] $url up with $alive workers; UI http://127.0.0.1:$ui_port ; logs in $state" >&2
    echo "$url"
    exit 0
  fi
  sleep 1
done
echo "Cannot start the cluster: workers did not register within 120 s; see $state/*.log" >&2
exit 1
