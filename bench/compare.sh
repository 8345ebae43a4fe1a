#!/usr/bin/env bash
# Stowage side by side with CNCF distribution, with the benchmark kit in ../shared/bench (not part of the tests).
#   bench/compare.sh [compare.sh options...]      e.g. bench/compare.sh --rounds 5
# The kit's candidate is the `stowage` launcher itself, so Stowage runs exactly as users start it: the shipped JVM
# options (registry-server/src/main/resources/jvm.options) and, on JDK 25 and newer, the start-up cache. The launcher
# execs java, so the PID the kit measures (RSS, start time) is the JVM's. `./stowage prepare` runs first and builds
# whatever is missing (the jar when sources changed, the cache), so no round pays for it. STOWAGE_JAVA_OPTS adds
# options after the shipped ones, to try others (e.g. STOWAGE_JAVA_OPTS=-Xmx512m); STOWAGE_AOT=0 leaves the cache out.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${STOWAGE_SHARED:-$(cd .. && pwd)/shared}"
[ -x "$shared/bench/compare.sh" ] || shared=/work/shared
./stowage prepare
exec "$shared/bench/compare.sh" \
  --candidate "$(pwd)/stowage serve --listen 127.0.0.1:{PORT} --data {DATA}" \
  --candidate-name stowage "$@"
