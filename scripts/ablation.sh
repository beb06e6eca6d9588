#!/usr/bin/env bash
# The paper's ablation (spec section 8) on this machine, local Spark (local[2]): from one stage-1 embedder and one
# mined table, trains (a) in-batch, (b) hard-negatives-only and (c) unime-v2 once per seed
# (unime.evaluation.ablation.seeds, default 42 43 44), evaluates every model like `evaluate`, and writes
# <reports-dir>/ablation.md: mean +- std of every metric next to the paper's numbers. docs/results.md has a run.
#   scripts/ablation.sh             quick profile (tables in work-dir/quick; what docs/results.md reports)
#   scripts/ablation.sh --full      full profile (work-dir/full)
# The mined table is made first (ingest, models, mine-all) unless it exists already, e.g. from scripts/demo.sh.
# Other options go to the CLI, e.g. --conf unime.evaluation.ablation.temperature-sweep=true
#   or --conf unime.training.steps=300. SKIP_BUILD=1 skips the Maven install.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=quick
cli_args=()
for arg in "$@"; do
  if [ "$arg" = "--full" ]; then profile=full; else cli_args+=("$arg"); fi
done
profile_args=()
if [ "$profile" = quick ]; then profile_args=(--quick); fi

bash scripts/setup.sh
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -B -DskipTests -Dmaven.javadoc.skip=true install
fi
export UNIME_STORAGE_ROOT="${UNIME_STORAGE_ROOT:-$PWD/work-dir/$profile/tables}"
export UNIME_REPORTS_DIR="${UNIME_REPORTS_DIR:-$PWD/work-dir/$profile/reports}"

cli() {
  mvn -q -B -pl jobs exec:exec \
    -Dunime.jvm.props="-Dconfig.file=$PWD/conf/local.conf" \
    -Dunime.args="${profile_args[*]:-} ${cli_args[*]:-} $*"
}

start=$(date +%s)
if [ ! -d "$UNIME_STORAGE_ROOT/hard_negatives/_delta_log" ]; then
  echo "No mined table in $UNIME_STORAGE_ROOT: running ingest, models and mine-all first"
  cli ingest
  cli models
  cli mine-all
fi
cli ablation
echo "Ablation report: $UNIME_REPORTS_DIR/ablation.md ($(( $(date +%s) - start )) s)"
