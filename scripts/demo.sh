#!/usr/bin/env bash
# Runs the embedded demo end to end on the real datasets, on a local Spark (local[2]).
#   scripts/demo.sh            full profile
#   scripts/demo.sh --quick    small subsets, for a first look (a few minutes)
# Extra options are passed to the CLI, e.g. --conf unime.storage.root=/tmp/t
# Tables land in work-dir/<profile>/tables, the report in work-dir/<profile>/reports/demo.md.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=full
cli_args=()
for arg in "$@"; do
  if [ "$arg" = "--quick" ]; then profile=quick; fi
  cli_args+=("$arg")
done

bash scripts/setup.sh
mvn -q -B -DskipTests -Dmaven.javadoc.skip=true install
export UNIME_STORAGE_ROOT="${UNIME_STORAGE_ROOT:-$PWD/work-dir/$profile/tables}"
export UNIME_REPORTS_DIR="${UNIME_REPORTS_DIR:-$PWD/work-dir/$profile/reports}"
mvn -q -B -pl jobs exec:exec \
  -Dunime.jvm.props="-Dconfig.file=$PWD/conf/local.conf" \
  -Dunime.args="${cli_args[*]:-} demo"
echo "Demo report: $UNIME_REPORTS_DIR/demo.md"
