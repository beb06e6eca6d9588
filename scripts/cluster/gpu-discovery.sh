#!/usr/bin/env bash
# Spark GPU resource discovery: prints the GPUs nvidia-smi sees on this machine as Spark ResourceInformation JSON,
#   {"name":"gpu","addresses":["0","1",...]}
# Addresses are CUDA ordinals, which is what DeviceSpec.fromGpuAddress expects (DJL Device.gpu(N)).
#
# Standalone: every worker, e.g. in conf/spark-env.sh
#   SPARK_WORKER_OPTS="-Dspark.worker.resource.gpu.amount=<N> -Dspark.worker.resource.gpu.discoveryScript=/path/gpu-discovery.sh"
# YARN / Kubernetes: spark-submit --conf spark.executor.resource.gpu.discoveryScript=/path/gpu-discovery.sh
#   (with --files so the script exists in the executor's working directory, or a path baked into the image).
#
# If CUDA_VISIBLE_DEVICES is set (a container or scheduler already narrowed the GPUs), the script reports the
# ordinals as the process will see them, 0..k-1, because that is how CUDA (and so DJL) numbers them.
# Exits non-zero with a message on stderr when no GPU is visible, so a misconfigured node fails at start-up
# instead of running GPU stages on nothing.
set -euo pipefail

if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "Cannot discover GPUs: nvidia-smi is not on PATH on $(hostname)" >&2
  exit 1
fi

if [ -n "${CUDA_VISIBLE_DEVICES:-}" ]; then
  IFS=',' read -r -a visible <<<"$CUDA_VISIBLE_DEVICES"
  count=${#visible[@]}
else
  count=$(nvidia-smi --query-gpu=index --format=csv,noheader | grep -c '[0-9]' || true)
fi

if [ "${count:-0}" -lt 1 ]; then
  echo "Cannot discover GPUs: nvidia-smi lists none on $(hostname)" >&2
  exit 1
fi

addresses=""
for ((i = 0; i < count; i++)); do
  addresses+="${addresses:+,}\"$i\""
done
echo "{\"name\":\"gpu\",\"addresses\":[$addresses]}"
