#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless against a folder of Delta tables written by the jobs, and fails
# when a cell fails, a kernel does not start, or a notebook draws no chart (no image/png output).
#
#   scripts/run-notebooks.sh <tables-dir> [out-dir]
#
# <tables-dir>  the jobs' tables folder (unime.storage.root), e.g. work-dir/quick/tables; passed as UNIME_TABLES
# [out-dir]     where the executed notebooks go (default target/notebooks)
#
# Installs the notebook kernel when missing (scripts/notebooks/install-kernel.sh, cached under
# ${UNIME_DATA_HOME:-~/.cache/unime-v2}/jupyter) and uses the fat jar jobs/target/unime-jobs-*-all.jar, building it
# when there is none (UNIME_JOBS_JAR names another). UNIME_NOTEBOOK_CELL_TIMEOUT caps one cell (default 900 s).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: scripts/run-notebooks.sh <tables-dir> [out-dir]" >&2
  exit 2
fi
tables="$(cd "$1" 2>/dev/null && pwd)" ||
  { echo "Cannot run the notebooks: tables folder $1 does not exist" >&2; exit 2; }
out="${2:-target/notebooks}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
log() { echo "[run-notebooks] $*" >&2; }

bash scripts/notebooks/install-kernel.sh
export JUPYTER_PATH="${UNIME_JUPYTER_PATH:-${UNIME_DATA_HOME:-$HOME/.cache/unime-v2}/jupyter}"

jar="${UNIME_JOBS_JAR:-}"
if [ -z "$jar" ]; then
  jar="$(ls -t jobs/target/unime-jobs-*-all.jar 2>/dev/null | head -1 || true)"
  if [ -z "$jar" ]; then
    log "no fat jar in jobs/target: building it"
    mvn -B -q -Dstyle.color=never -pl jobs -am package -DskipTests
    jar="$(ls -t jobs/target/unime-jobs-*-all.jar | head -1)"
  fi
fi
[ -f "$jar" ] || { echo "Cannot run the notebooks: fat jar $jar does not exist" >&2; exit 2; }
export UNIME_JOBS_JAR="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"
export UNIME_TABLES="$tables"
export PYDEVD_DISABLE_FILE_VALIDATION=1
log "tables $UNIME_TABLES, jar $UNIME_JOBS_JAR, output $out"

# Debian's python3 has nbclient (pyenv's has not). Stops each notebook at its first failed cell; see execute.py.
if ! /usr/bin/python3 scripts/notebooks/execute.py --out "$out" --timeout "${UNIME_NOTEBOOK_CELL_TIMEOUT:-900}" \
    notebooks/*.ipynb; then
  log "notebooks FAILED; executed copies (ending at the failed cell) in $out"
  exit 1
fi
log "all notebooks ran; executed copies in $out"
