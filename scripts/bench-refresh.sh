#!/usr/bin/env bash
# Benchmark (not a test): an incremental `refresh` after adding a small share of new rows vs a full `mine-all` over
# the same data, wall time per stage, on local[2] with the default retrieval (top-50, delta 0.95, djl kernel) and judge
# settings and quickly trained built-in models; also a refresh after removing the same rows, and one with nothing
# new. Needs the datasets (scripts/setup.sh).
#   scripts/bench-refresh.sh [fraction=0.01] [emoji concepts=300] [icon concepts per set=400] [fashion-mnist train=60000]
# Most of the time is the one full mine-all: on an idle 2-core machine 16 minutes with 12000 Fashion-MNIST images,
# 30 minutes with 30000; the default 60000 (about 3.4 million judged pairs) has not been run here.
# REFRESH_BENCH_REUSE=true reuses the previous run's full mine-all in target/bench-refresh (for iterating on the
# refresh; published numbers come from a run without it). The JSON's refresh_profile says where the refresh's Spark
# job time went, by step and call site.
# Writes bench/results/refresh.json and, through bench/report.py, the refresh section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
fraction=${1:-0.01}; emoji=${2:-300}; icons=${3:-400}; fashion=${4:-60000}
cp_file=target/bench-refresh-classpath.txt
mkdir -p target bench/results
# test-compile through the reactor (no install): the classpath then points at each module's target/classes.
mvn -q -B -o -pl tests -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/$cp_file"
cp="tests/target/test-classes:tests/target/classes:$(cat "$cp_file")"
export SPARK_LOCAL_IP=127.0.0.1
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
java -Xmx6g -Dai.djl.offline=true -Drefresh-bench.reuse="${REFRESH_BENCH_REUSE:-false}" -Dlog4j2.configurationFile="$PWD/conf/log4j2-test.properties" \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED \
  -cp "$cp" org.unime.bench.RefreshBench bench/results/refresh.json target/bench-refresh "$fraction" \
  unime.ingest.emoji.max-concepts="$emoji" unime.ingest.icons.tabler.max-concepts="$icons" \
  unime.ingest.icons.mdi.max-concepts="$icons" unime.ingest.fashion-mnist.max-train="$fashion" \
  unime.ingest.fashion-mnist.max-test=50 unime.mining.max-queries-per-dataset=0 > /dev/null
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# The loads and the arguments go into the JSON, so bench/report.py can re-render the section from it alone.
/usr/bin/python3 - "$load_before" "$load_after" "$fraction $emoji $icons $fashion" <<'PY'
import json, sys
path = "bench/results/refresh.json"
r = json.load(open(path))
r.update(load_before=sys.argv[1], load_after=sys.argv[2], command_args=sys.argv[3])
json.dump(r, open(path, "w"), indent=2)
PY
# One copy per size, so the docs can show how the share moves with the data.
cp bench/results/refresh.json "bench/results/refresh-$fraction-$emoji-$icons-$fashion.json"
/usr/bin/python3 bench/report.py refresh
