#!/usr/bin/env bash
# Runs every test: unit tests beside each module, the Spark/Delta integration tests in tests/, then end to end the
# quick demo (ingest -> models -> mine-all -> train on the real data) and every notebook executed headless against
# the tables the demo wrote. Installs the datasets and the notebook runtime first when they are missing
# (scripts/setup.sh is idempotent).
#   scripts/test.sh                 everything (what CI runs)
#   scripts/test.sh -Dtest=FooIT    only the Maven tests selected by the arguments; no demo, no notebooks
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --notebooks
mvn -B -ntp verify "$@"
if [ $# -eq 0 ]; then
  export UNIME_STORAGE_ROOT="$PWD/work-dir/quick/tables" UNIME_REPORTS_DIR="$PWD/work-dir/quick/reports"
  bash scripts/demo.sh --quick
  bash scripts/run-notebooks.sh "$UNIME_STORAGE_ROOT" target/notebooks
fi
