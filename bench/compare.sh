#!/usr/bin/env bash
# Stowage side by side with CNCF distribution, with the benchmark kit in ../shared/bench (not part of the tests).
#   bench/compare.sh [compare.sh options...]      e.g. bench/compare.sh --rounds 5
# Runs the built jar (./mvnw -q -DskipTests install) as the kit's candidate, started like the `stowage` launcher
# starts it (no JVM options: the shipped defaults); STOWAGE_JAVA_OPTS adds options to try others.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
shared="${STOWAGE_SHARED:-$(cd .. && pwd)/shared}"
[ -x "$shared/bench/compare.sh" ] || shared=/work/shared
jar="$(pwd)/registry-server/target/stowage.jar"
[ -f "$jar" ] || { echo "no $jar: build it first with ./mvnw -q -DskipTests install" >&2; exit 1; }
exec "$shared/bench/compare.sh" \
  --candidate "$JAVA_HOME/bin/java ${STOWAGE_JAVA_OPTS:-} -jar $jar serve --listen 127.0.0.1:{PORT} --data {DATA}" \
  --candidate-name stowage "$@"
