#!/usr/bin/env bash
# Benchmark (not a test): UniME-V2 training steps, the single-process DJL loop vs the Spark data-parallel trainer on
# local[2] (1, 2 and 4 partitions), unime-v2 and in-batch (GradCache) losses, built-in embedder architecture, synthetic
# inputs. Reports steps/s, samples/s and the communication share of a distributed step.
#   scripts/bench-training-distributed.sh [batch=64] [steps=20] [warmup=3] [threads=2]
# Writes bench/results/training-distributed.json and the training-distributed section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
batch=${1:-64}; steps=${2:-20}; warmup=${3:-3}; threads=${4:-2}
cp_file=target/bench-training-classpath.txt
mkdir -p target bench/results
mvn -q -B -o -DskipTests install
mvn -q -B -o -pl tests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file"
mvn -q -B -o -pl tests test-compile
cp="tests/target/test-classes:tests/target/classes:$(cat "$cp_file")"
export SPARK_LOCAL_IP=127.0.0.1
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
java -Xmx4g -XX:TieredStopAtLevel=1 -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
  -Dai.djl.pytorch.num_interop_threads=1 -Dlog4j2.configurationFile="$PWD/conf/log4j2-test.properties" \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED \
  -cp "$cp" org.unime.tests.training.DistributedTrainingBench bench/results/training-distributed.json \
  "$batch" "$steps" "$warmup" > /dev/null
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

/usr/bin/python3 - "$load_before" "$load_after" "$batch $steps $warmup $threads" <<'PY'
import datetime, json, os, platform, re, sys
r = json.load(open("bench/results/training-distributed.json"))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown CPU")
runs = r["runs"]
def base(loss):
    return next(x for x in runs if x["loss"] == loss and x["partitions"] == 0)
rows = []
for x in runs:
    b = base(x["loss"])
    dist = x["partitions"] > 0
    rows.append("| {} | {} | {} | {:.2f} | {:.1f} | {} | {} | {} |".format(
        x["loss"], x["trainer"], x["partitions"] if dist else "—", x["steps_per_second"], x["samples_per_second"],
        "{:.2f}x".format(x["samples_per_second"] / b["samples_per_second"]) if dist else "1.00x",
        "{:.0%} ({:.0f} ms)".format(x["communication_share"], x["communication_ms_per_step"]) if dist else "—",
        "{:.2f} / {:.2f}".format(x["bytes_down_per_step"] / 1e6, x["bytes_up_per_step"] / 1e6) if dist else "—"))
params = next(x["parameters"] for x in runs if x["partitions"] > 0)
date = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
section = "\n".join([
    "## Distributed training (issue 5)",
    "",
    "Command: `scripts/bench-training-distributed.sh {}` (batch, measured steps, warm-up steps, torch threads). "
    "Built-in embedder architecture ({} trained parameters), synthetic inputs, {} queries per step with 9 candidates "
    "each; the same data and initial weights for every row. Spark master `{}`; the distributed trainer broadcasts the "
    "weights each step, computes shard gradients on the executor's cached replica and sums them with treeAggregate."
    .format(sys.argv[3], params, r["batch_size"], r["master"]),
    "",
    "| loss | trainer | partitions | steps/s | samples/s | vs single process | communication share (per step) | MB down / up per step |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
    *rows,
    "",
    "Communication = a step's wall time minus executor compute (forward + backward, critical path) minus the driver's "
    "clip + AdamW update: weight snapshot and broadcast, task scheduling, (de)serialisation, shipping and summing the "
    "float32 gradients. MB are the logical bytes a cluster would move (weights once per executor, one gradient per "
    "shard; in-batch adds GradCache's representations and their gradients); in local mode they move in memory. "
    "In one JVM the shards take turns on the replica (DJL's gradient collector is JVM-global), so local[2] cannot beat "
    "the single-process loop: these rows measure the price of the distribution, which a cluster pays back by running "
    "shards on separate executors. See docs/training.md for when to switch to local SGD.",
    "",
    "Machine: {}, {} cores; load average {} before, {} after (other builds may have been running). Measured {}; raw "
    "numbers in `bench/results/training-distributed.json`.".format(cpu, os.cpu_count(), sys.argv[1], sys.argv[2], date),
])
path = "docs/benchmarks.md"
doc = open(path).read() if os.path.exists(path) else (
    "# Benchmarks\n\nEvery number below is written by the command named in its section; rerun it to refresh.\n")
begin, end = "<!-- training-distributed:start -->", "<!-- training-distributed:end -->"
block = begin + "\n" + section + "\n" + end
if begin in doc:
    doc = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda m: block, doc, flags=re.S)
else:
    doc = doc.rstrip("\n") + "\n\n" + block + "\n"
os.makedirs("docs", exist_ok=True)
open(path, "w").write(doc)
print(section)
PY
