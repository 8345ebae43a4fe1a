#!/usr/bin/env bash
# Time to garbage-collect 100,000 unreferenced blobs on the embedded default (filesystem + SQLite).
#   bench/gc-100k.sh [BLOBS]
# 1. starts the registry and pushes BLOBS (default 100000) small blobs with the kit's RegistryBench (no manifest
#    references them, so all are garbage once the grace period has passed);
# 2. restarts it with gc.gracePeriod=0s and gc.interval=5s and waits for the collection's log line, which reports
#    what it deleted and how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
blobs="${1:-100000}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
shared="${STOWAGE_SHARED:-$(cd .. && pwd)/shared}"
[ -d "$shared/bench" ] || shared=/work/shared
port="${PORT:-5330}"
work="$(mktemp -d "${TMPDIR:-/tmp}/stowage-gc-bench.XXXXXX")"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

start() {
  "$java" -jar registry-server/target/stowage.jar serve --listen "127.0.0.1:$port" --data "$work/data" \
    > "$work/registry.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && return; sleep 0.1; done
  echo "registry did not start" >&2; cat "$work/registry.log" >&2; exit 1
}

STOWAGE_GC_INTERVAL=24h start
"$java" "$shared/bench/RegistryBench.java" --url "http://127.0.0.1:$port" --scenarios small-blobs \
  --small-n "$blobs" --small-kib 1 --quiet >/dev/null
kill "$pid"; wait "$pid" || true
echo "pushed $blobs blobs: $(du -sh "$work/data/blobs" | cut -f1) of blob files, $(du -sh "$work/data/metadata.db" | cut -f1) metadata" >&2

STOWAGE_GC_GRACE_PERIOD=0s STOWAGE_GC_INTERVAL=5s start
for _ in $(seq 1 3600); do
  line="$(grep -m1 'job gc: pruned' "$work/registry.log" || true)"
  [ -n "$line" ] && break
  sleep 1
done
echo "${line:-no collection finished within an hour}"
echo "blob files left: $(find "$work/data/blobs/blobs" -type f 2>/dev/null | wc -l)"
