#!/usr/bin/env bash
# Installs the Jupyter kernel the notebooks run on, "unime-kotlin" (JetBrains Kotlin kernel 0.11.0-398, XChart, and the
# classpath of the project's Spark version), into $UNIME_JUPYTER_PATH (default
# ${UNIME_DATA_HOME:-~/.cache/unime-v2}/jupyter), plus Debian's nbconvert when missing. Idempotent: the jars are fetched
# again only when kernel-pom.xml or the Spark version changes; the small launcher files are always refreshed. Use the
# kernel with JUPYTER_PATH=<that folder>.
#
#   scripts/notebooks/install-kernel.sh            kernel + nbconvert (what CI needs)
#   scripts/notebooks/install-kernel.sh --server   also Debian's jupyter-notebook, for interactive use
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jupyter_path="${UNIME_JUPYTER_PATH:-${UNIME_DATA_HOME:-$HOME/.cache/unime-v2}/jupyter}"
kernel_dir="$jupyter_path/kernels/unime-kotlin"

want_server=false
for arg in "$@"; do
  case "$arg" in
    --server) want_server=true ;;
    *) echo "Cannot install the notebook kernel: unknown option (got $arg); expected --server" >&2; exit 2 ;;
  esac
done

log() { echo "[notebooks] $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian's jupyter, not pyenv's: /usr/bin/python3 is the one with nbconvert.
debs=(jupyter-nbconvert python3-nbclient python3-jupyter-client)
if [ "$want_server" = true ]; then debs+=(jupyter-notebook); fi
missing=()
for pkg in "${debs[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Spark and Scala versions come from the root pom, so the notebooks run on the Spark the fat jar was built against.
root_pom="$here/../../pom.xml"
spark_version="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$root_pom" | head -1)"
scala_version="$(sed -n 's:.*<scala.binary.version>\(.*\)</scala.binary.version>.*:\1:p' "$root_pom" | head -1)"
mvn_q() { mvn -B -q -Dstyle.color=never -f "$here/kernel-pom.xml" "$@"; }

wanted="$(sha256sum "$here/kernel-pom.xml" | cut -c1-64) spark=$spark_version scala=$scala_version"
marker="$kernel_dir/.installed"
spark_cp_ok() {  # every jar on the recorded Spark classpath is still in the local Maven repository
  [ -s "$kernel_dir/spark.classpath" ] || return 1
  local jar
  while IFS= read -r jar; do [ -f "$jar" ] || return 1; done < <(tr ':' '\n' < "$kernel_dir/spark.classpath")
}
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$wanted" ] && spark_cp_ok; then
  log "kernel jars present in $kernel_dir"
else
  log "fetching the Kotlin kernel, XChart and Spark $spark_version (Scala $scala_version) for $kernel_dir"
  rm -rf "$kernel_dir/lib" "$kernel_dir/notebook-lib" "$marker"
  mkdir -p "$kernel_dir"
  mvn_q -P kernel dependency:copy-dependencies -DoutputDirectory="$kernel_dir/lib"
  mvn_q -P notebook dependency:copy-dependencies -DoutputDirectory="$kernel_dir/notebook-lib"
  # Spark's ~190 jars stay in ~/.m2; the kernel reads their paths from spark.classpath.
  mvn_q -P spark -Dspark.version="$spark_version" -Dscala.binary.version="$scala_version" \
    dependency:build-classpath -Dmdep.outputFile="$kernel_dir/spark.classpath"
  echo "$wanted" > "$marker"
fi
cp "$here"/kernel/* "$kernel_dir/"
log "kernel unime-kotlin installed; use it with JUPYTER_PATH=$jupyter_path"
