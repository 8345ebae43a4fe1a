#!/usr/bin/env bash
# Peak RSS and throughput of the built jar under different JVM options, measured back to back (not part of the tests).
#
#   bench/memory.sh [--rounds N] [--out DIR] [--port P] [--quick] 'name=JVM OPTIONS' ['name=JVM OPTIONS' ...]
#   bench/memory.sh --rounds 2 'none=' 'shipped=@' 'xmx128-g1=-Xmx128m'
#
# '@' stands for the shipped defaults (@registry-server/src/main/resources/jvm.options, as the launcher passes them)
# and '{aot}' for the launcher's start-up cache of the built jar; leading NAME=VALUE words are set in the environment
# instead ('arena2=MALLOC_ARENA_MAX=2 -Xmx96m'). Each round starts every
# configuration in turn (so configurations alternate: noise hits them alike) on a fresh data directory under /var/tmp,
# with `java OPTIONS -jar registry-server/target/stowage.jar serve --listen 127.0.0.1:P --data DIR`, waits for /v2/,
# then drives it with the benchmark kit's RegistryBench (../shared/bench) in two phases:
#   large:  push-large,pull-large with 2 clients x 1 blob x 2 GiB (4 GiB each way);
#   wide:   16 clients: push-large,pull-large-noverify (64 MiB blobs, 1 GiB), small-blobs (2,000 x 4 KiB),
#           manifest-get (5 s), same-blob (16 clients, 16 MiB).
# (--quick: 2 x 256 MiB and 256 MiB, for trying the script.) The peak RSS is the kernel's VmHWM of the java process at
# the end: the high-water mark over the whole run, so nothing is missed between samples. Every timed step runs under
# `flock /tmp/bench.lock` like the kit's. Results: DIR/results.jsonl (the kit's JSON lines plus start/RSS lines) and a
# median table on stdout. The machine is shared: compare only configurations measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

rounds=1 port=5420 out="" quick=0 configs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift ;;
    --out) out=$2; shift ;;
    --port) port=$2; shift ;;
    --quick) quick=1 ;;
    -h|--help) sed -n '2,/^set /{/^set /d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *=*) configs+=("$1") ;;
    *) echo "unknown argument $1 (configurations are name=OPTIONS)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#configs[@]} -gt 0 ] || configs=('none=' 'shipped=@')
[ -f "$jar" ] || { echo "no $jar: build it first (./mvnw -q -DskipTests -pl registry-server -am package)" >&2; exit 1; }
out=${out:-/tmp/stowage-memory-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out/classes"
results="$out/results.jsonl"
: > "$results"
"$JAVA_HOME/bin/javac" -d "$out/classes" "$shared/bench/RegistryBench.java"

if [ $quick = 1 ]; then
  large=(-c 2 --blob-mib 256 --blobs-per-client 1 --warmup-mib 64)
  wide=(-c 16 --blob-mib 16 --total-mib 256 --small-n 500 --duration 2 --warmup 1 --warmup-mib 64 --same-mib 4)
else
  large=(-c 2 --blob-mib 2048 --blobs-per-client 1 --warmup-mib 256)
  wide=(-c 16 --blob-mib 64 --total-mib 1024 --small-n 2000 --duration 5 --warmup 2 --warmup-mib 256 --same-mib 16)
fi

server=""
data=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null || true; fi
  [ -n "$data" ] && rm -rf "$data"
  return 0
}
trap cleanup EXIT

kib() { awk -v k="$2:" '$1==k {print $2}' "/proc/$1/status"; }
line() { # config round scenario metric value
  printf '{"label":"%s","round":%s,"scenario":"%s","metric":"%s","value":%s}\n' "$1" "$2" "$3" "$4" "$5" >> "$results"
}

for round in $(seq 1 "$rounds"); do
  for config in "${configs[@]}"; do
    name=${config%%=*}
    opts=${config#*=}
    environment=()
    while [[ "$opts" =~ ^[[:space:]]*([A-Z_][A-Z0-9_]*=[^[:space:]]*)(.*)$ ]]; do
      environment+=("${BASH_REMATCH[1]}"); opts=${BASH_REMATCH[2]}
    done
    opts="$(jvm_options "$opts")"
    data=$(mktemp -d /var/tmp/stowage-memory.XXXXXX)
    echo "round $round: $name: ${environment[*]} java $opts -jar stowage.jar" >&2
    t0=$(date +%s%N)
    start_jar "$port" "$data" "$out/$name-r$round.log" "$opts" "${environment[@]}"
    t1=$(date +%s%N)
    line "$name" "$round" start ms $(( (t1 - t0) / 1000000 ))
    line "$name" "$round" idle-rss MiB "$(awk -v k="$(kib "$server" VmRSS)" 'BEGIN{printf "%.1f", k/1024}')"
    for phase in large wide; do
      if [ $phase = large ]; then args=("${large[@]}" --scenarios push-large,pull-large)
      else args=("${wide[@]}" --scenarios push-large,pull-large-noverify,small-blobs,manifest-get,same-blob); fi
      flock /tmp/bench.lock "$java" -cp "$out/classes" RegistryBench --url "http://127.0.0.1:$port" \
        --label "$name" --prefix "$phase" --quiet "${args[@]}" > "$out/$name-r$round-$phase.out" 2>&1 \
        || echo "  RegistryBench reported errors: see $out/$name-r$round-$phase.out" >&2
      grep '^JSON ' "$out/$name-r$round-$phase.out" \
        | sed "s/^JSON {/{\"round\":$round,\"phase\":\"$phase\",/; s/\"scenario\":\"/\"scenario\":\"$phase:/" >> "$results"
      line "$name" "$round" "$phase:peak-rss" MiB "$(awk -v k="$(kib "$server" VmHWM)" 'BEGIN{printf "%.1f", k/1024}')"
    done
    line "$name" "$round" end-rss MiB "$(awk -v k="$(kib "$server" VmRSS)" 'BEGIN{printf "%.1f", k/1024}')"
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
    rm -rf "$data"; data=""
  done
done

python3 - "$results" "${configs[@]%%=*}" <<'EOF'
import json, statistics, sys
path, names = sys.argv[1], sys.argv[2:]
rows = {}
for l in open(path):
    r = json.loads(l)
    rows.setdefault((r["scenario"], r["metric"]), {}).setdefault(r["label"], []).append(r["value"])
print("| scenario | metric | " + " | ".join(names) + " |")
print("|---|---|" + "---:|" * len(names))
for (scenario, metric), by in rows.items():
    cells = []
    for n in names:
        v = by.get(n)
        cells.append("-" if not v else (f"{statistics.median(v):,.1f}" + (f" ({min(v):,.0f}-{max(v):,.0f})" if len(v) > 1 else "")))
    print(f"| {scenario} | {metric} | " + " | ".join(cells) + " |")
EOF
echo "raw results: $results" >&2
