#!/usr/bin/env bash
# Runs every test: unit tests beside each module and the Spark/Delta integration tests in tests/.
# Installs the real datasets first when they are missing (scripts/setup.sh is idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mvn -B -ntp verify "$@"
