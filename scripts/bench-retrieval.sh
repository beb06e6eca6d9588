#!/usr/bin/env bash
# Retrieval benchmarks (not tests): kernel throughput vs FAISS IndexFlatIP and the libtorch sgemm peak, then the
# whole retrieve stage Delta -> Delta at two sizes vs its kernel time, with peak memory. Writes
# bench/results/retrieval-*.json and the retrieval section of docs/benchmarks.md.
#   scripts/bench-retrieval.sh            default sizes
#   THREADS=2 NQ=4096 NC=32768 scripts/bench-retrieval.sh
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS="${THREADS:-2}"; NQ="${NQ:-4096}"; NC="${NC:-32768}"; DIM="${DIM:-128}"; K="${K:-50}"
bash scripts/setup.sh --peers
cp_file=target/bench-classpath.txt
mkdir -p target bench/results
mvn -q -B -DskipTests install
mvn -q -B -pl tests dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file"
cp="tests/target/test-classes:tests/target/classes:$(cat "$cp_file")"
mvn -q -B -pl tests test-compile
jvm=(-Xmx6g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" -Dlog4j2.configurationFile="$PWD/conf/log4j2-test.properties"
     --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
     --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED)
vectors=target/bench-vectors
export SPARK_LOCAL_IP=127.0.0.1
java "${jvm[@]}" -cp "$cp" org.unime.bench.RetrievalKernelBench bench/results/retrieval-kernel.json "$vectors" "$NQ" "$NC" "$DIM" "$K" "$THREADS" > /dev/null
OMP_NUM_THREADS="$THREADS" /usr/bin/python3 bench/faiss_peer.py "$vectors" "$NQ" "$NC" "$DIM" "$K" "$THREADS" > bench/results/retrieval-faiss.json
java "${jvm[@]}" -cp "$cp" org.unime.bench.RetrieveStageBench bench/results/retrieval-stage.json target/bench-stage "$THREADS" 2000,8000 8000,32000 > /dev/null
/usr/bin/python3 bench/report.py retrieval
echo "Wrote docs/benchmarks.md (retrieval section) and bench/results/retrieval-*.json"
