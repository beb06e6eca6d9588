#!/usr/bin/env bash
# FAKE GPU DISCOVERY SCRIPT, FOR CPU-ONLY TESTS. THERE IS NO GPU BEHIND THE ADDRESS IT REPORTS.
#
# It reports one "GPU" with address "0" so that Spark's resource scheduling (worker -> executor -> task) can be
# exercised on a machine without GPUs: the cluster test (tests/.../cluster/GpuResourceIT) starts the standalone
# workers with spark.worker.resource.gpu.discoveryScript pointing here and checks that a task sees address "0" and
# maps it to DJL device gpu:0. Never use it on a real cluster; use gpu-discovery.sh there.
#
# Output contract (Spark ResourceInformation JSON): {"name":"gpu","addresses":["0"]}. The extra "fake" field is
# ignored by Spark's parser and labels the output itself as FAKE wherever it gets logged.
echo '{"name":"gpu","addresses":["0"],"fake":"FAKE GPU for CPU-only tests, no device behind it"}'
