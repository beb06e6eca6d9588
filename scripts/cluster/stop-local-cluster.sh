#!/usr/bin/env bash
# Stops what start-local-cluster.sh started (by its pid files only; workers stop their executors themselves).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
state="${STATE_DIR:-$(cd "$here/../.." && pwd)/work-dir/cluster}"
shopt -s nullglob
pids=()
for f in "$state"/worker-*.pid "$state"/master.pid; do
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    pids+=("$pid")
  fi
  rm -f "$f"
done
for _ in $(seq 1 20); do
  remaining=()
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && remaining+=("$pid"); done
  [ ${#remaining[@]} -eq 0 ] && { echo "[cluster] stopped" >&2; exit 0; }
  sleep 0.5
done
echo "[cluster] forcing ${remaining[*]}" >&2
kill -9 "${remaining[@]}" 2>/dev/null || true
