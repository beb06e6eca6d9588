#!/usr/bin/env bash
# Builds a Spark "distribution" from Maven Central alone: SPARK_HOME with jars/ filled by
# maven-dependency-plugin copy-dependencies of spark-core/sql/mllib (shared/notes/stack.md §5).
# Idempotent: a marker names the Spark/Scala versions, so a second run returns at once.
#
#   scripts/cluster/build-spark-home.sh [SPARK_HOME_DIR]       default: tests/target/spark-home
#
# Environment (all optional): SPARK_VERSION (4.0.1), SCALA_BINARY_VERSION (2.13), MVN (mvn on PATH),
# MAVEN_REPO_LOCAL (Maven's default), MAVEN_OFFLINE=true (never go online; otherwise try offline first).
# Prints the SPARK_HOME directory on the last line of stdout.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dest="${1:-$root/tests/target/spark-home}"
spark_version="${SPARK_VERSION:-4.0.1}"
scala_version="${SCALA_BINARY_VERSION:-2.13}"
mvn_cmd="${MVN:-mvn}"
marker="$dest/.built-spark-${spark_version}_${scala_version}"

if [ -f "$marker" ] && [ -d "$dest/jars" ]; then
  echo "$dest"
  exit 0
fi

mkdir -p "$dest"
rm -rf "$dest/jars" "$dest/jars.partial" "$dest"/.built-spark-*
args=(-B -q -f "$here/spark-home/pom.xml"
  "-Dspark.version=$spark_version" "-Dscala.binary.version=$scala_version"
  dependency:copy-dependencies "-DoutputDirectory=$dest/jars.partial" -DincludeScope=runtime)
if [ -n "${MAVEN_REPO_LOCAL:-}" ]; then
  args+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
fi

echo "[spark-home] copying Spark $spark_version (Scala $scala_version) jars into $dest/jars" >&2
if ! "$mvn_cmd" -o "${args[@]}" >&2; then
  if [ "${MAVEN_OFFLINE:-false}" = true ]; then
    echo "Cannot build SPARK_HOME: Spark $spark_version jars are not in the local Maven repository and" \
      "MAVEN_OFFLINE=true; run once online or build the project with Maven first" >&2
    exit 1
  fi
  echo "[spark-home] not all jars are local; resolving online" >&2
  "$mvn_cmd" "${args[@]}" >&2
fi
mv "$dest/jars.partial" "$dest/jars"
# Spark's launcher looks for these next to jars/; an empty conf dir keeps stray spark-defaults.conf out.
mkdir -p "$dest/conf"
ls "$dest/jars" | wc -l > "$marker"
echo "$dest"
