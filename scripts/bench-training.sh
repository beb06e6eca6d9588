#!/usr/bin/env bash
# Benchmark (not a test): training throughput of the DJL loop vs PyTorch on the built-in embedder's architecture
# (CNN image tower + heads, in-batch InfoNCE, AdamW, clipping), same synthetic batches, batch size and thread count.
#   scripts/bench-training.sh [batch=256] [steps=20] [threads=2] [repeats=3]
# Needs Debian's python3-torch (apt-get install -y python3-torch), run with /usr/bin/python3.
# Writes bench/results/training-throughput.json and the table in docs/models.md.
set -euo pipefail
cd "$(dirname "$0")/.."
batch=${1:-256}; steps=${2:-20}; threads=${3:-2}; repeats=${4:-3}; warmup=5
channels="16 32 64"  # EmbedderArchitecture.standard: keep both sides on the same network

mvn -q -B -o -pl udfs -am install -DskipTests
mvn -q -B -o -pl udfs test-compile
mvn -q -B -o -pl udfs dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="udfs/target/test-classes:udfs/target/classes:$(cat target/bench.classpath 2>/dev/null || cat udfs/target/bench.classpath)"

out=$(mktemp)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq 1 "$repeats"); do
  # Alternate the two frameworks so background load hits both alike.
  java -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
    -Dlog4j2.configurationFile=conf/log4j2-test.properties -cp "$cp" \
    org.unime.udfs.embed.TrainingThroughputBenchmark "$batch" "$steps" "$warmup" $channels | grep '^{' >> "$out"
  OMP_NUM_THREADS="$threads" /usr/bin/python3 bench/pytorch_training.py "$batch" "$steps" "$warmup" "$threads" $channels >> "$out"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

/usr/bin/python3 - "$out" "$load_before" "$load_after" <<'PY'
import json, os, platform, re, statistics, sys, datetime
runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
def summary(name):
    rates = [r["samples_per_second"] for r in runs if r["framework"] == name]
    return {"median_samples_per_second": statistics.median(rates), "runs": rates}
result = {
    "benchmark": "embedder training throughput (CNN image tower + heads, in-batch InfoNCE, clip + AdamW)",
    "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "machine": {"cpu": cpu, "cores": os.cpu_count(), "os": platform.platform(),
                "load_average_before": sys.argv[2], "load_average_after": sys.argv[3]},
    "command": "scripts/bench-training.sh " + " ".join(str(x) for x in [runs[0]["batch_size"], runs[0]["steps"], runs[0]["threads"]]),
    "djl": summary("djl"), "pytorch": summary("pytorch"), "raw": runs,
}
result["djl_over_pytorch"] = round(result["djl"]["median_samples_per_second"] / result["pytorch"]["median_samples_per_second"], 3)
os.makedirs("bench/results", exist_ok=True)
json.dump(result, open("bench/results/training-throughput.json", "w"), indent=2)
djl = next(r for r in runs if r["framework"] == "djl"); pt = next(r for r in runs if r["framework"] == "pytorch")
table = (
    "| framework | version | threads | batch | median samples/s (runs) |\n|---|---|---:|---:|---|\n"
    f"| DJL loop (ours) | DJL {djl['djl']}, {djl['engine']} | {djl['threads']} | {djl['batch_size']} | "
    f"**{result['djl']['median_samples_per_second']:.0f}** ({', '.join(f'{x:.0f}' for x in result['djl']['runs'])}) |\n"
    f"| PyTorch | torch {pt['torch']} (Debian python3-torch) | {pt['threads']} | {pt['batch_size']} | "
    f"**{result['pytorch']['median_samples_per_second']:.0f}** ({', '.join(f'{x:.0f}' for x in result['pytorch']['runs'])}) |\n\n"
    f"DJL / PyTorch = {result['djl_over_pytorch']:.2f}. Machine: {cpu}, {os.cpu_count()} cores; load average "
    f"{sys.argv[2]} before, {sys.argv[3]} after (other builds were running). Measured {result['date']} with "
    f"`{result['command']}`; raw numbers in `bench/results/training-throughput.json`.\n")
path = "docs/models.md"
doc = open(path).read()
begin, end = "<!-- bench:training-throughput:begin -->", "<!-- bench:training-throughput:end -->"
doc = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda m: begin + "\n" + table + end, doc, flags=re.S)
open(path, "w").write(doc)
print(json.dumps({k: result[k] for k in ["djl", "pytorch", "djl_over_pytorch"]}, indent=2))
PY
rm -f "$out"
