#!/usr/bin/env bash
# The benchmark kit's default profile against a fresh server per configuration of JVM options, configurations
# alternating round by round (not part of the tests). For choosing JVM options: the kit starts every registry fresh,
# so what a new JVM does in its first seconds (interpreting, profiling, compiling) lands inside its timed scenarios.
#
#   bench/fresh.sh [--rounds N] [--scenarios LIST] [--port P] [--out FILE] 'name=JVM OPTIONS' ['name=JVM OPTIONS' ...]
#   bench/fresh.sh --rounds 4 --scenarios push-large,push-chunked 'cache=@ {aot}' \
#       'eager=@ {aot} -XX:+UnlockExperimentalVMOptions -XX:+AOTCompileEagerly -XX:CompileThresholdScaling=5'
#
# '@' stands for the shipped defaults (@registry-server/src/main/resources/jvm.options) and '{aot}' for the launcher's
# start-up cache of the built jar (-XX:AOTCache=registry-server/target/stowage-<JDK build>.aot; `./stowage prepare`
# makes it). Each run is `java OPTIONS -jar registry-server/target/stowage.jar serve` on a fresh data directory under
# /var/tmp, then the kit's RegistryBench with compare.sh's default-profile arguments (scenarios: all unless
# --scenarios), then the server is stopped and its data removed. Prints every run's results and, per scenario, the
# median and the values of each configuration; the kit's JSON lines go to FILE (default /tmp/stowage-fresh.jsonl).
# The machine is shared and noisy: compare configurations of one run only.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

rounds=3 port=5440 out=/tmp/stowage-fresh.jsonl scenarios=all configs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift ;;
    --scenarios) scenarios=$2; shift ;;
    --port) port=$2; shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,/^set /{/^set /d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *=*) configs+=("$1") ;;
    *) echo "unknown argument $1 (configurations are name=OPTIONS)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#configs[@]} -gt 0 ] || configs=('shipped=@' 'shipped+cache=@ {aot}')
[ -f "$jar" ] || { echo "no $jar: build it first (./stowage prepare)" >&2; exit 1; }
classes="$(mktemp -d)"
"$JAVA_HOME/bin/javac" -d "$classes" "$shared/bench/RegistryBench.java"
: > "$out"

server="" data=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill "$server"; wait "$server" 2>/dev/null || true; fi
  [ -n "$data" ] && rm -rf "$data"
  rm -rf "$classes"
  return 0
}
trap cleanup EXIT

for round in $(seq 1 "$rounds"); do
  for config in "${configs[@]}"; do
    name=${config%%=*}
    opts="$(jvm_options "${config#*=}")"
    data="$(mktemp -d /var/tmp/stowage-fresh.XXXXXX)"
    start_jar "$port" "$data/data" "$data/server.log" "$opts"
    "$java" -cp "$classes" RegistryBench --url "http://127.0.0.1:$port" --label "$name" -c 4 --duration 5 \
      --prefix bench --quiet --total-mib 512 --blob-mib 64 --small-n 1000 --tags 5000 --repos 1000 --list-reps 5 \
      --warmup 2 --warmup-mib 128 --scenarios "$scenarios" 2> /dev/null \
      | sed -n "s/^JSON {/{\"round\":$round,/p" >> "$out"
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
    rm -rf "$data"; data=""
    echo "round $round $name: $(grep "\"round\":$round,\"label\":\"$name\"" "$out" \
      | sed 's/.*"scenario":"\([^"]*\)".*"value":\([0-9.]*\).*/\1 \2/' | tr '\n' ' ')"
  done
done

python3 - "$out" <<'PY'
import collections, json, statistics, sys
values = collections.defaultdict(lambda: collections.defaultdict(list))
names = []
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["label"] not in names:
        names.append(r["label"])
    values[r["scenario"]][r["label"]].append(r["value"] if r.get("errors", 0) == 0 else float("nan"))
print(f"\n{'scenario':22s}" + "".join(f"{n:>30s}" for n in names))
for scenario, by in values.items():
    cells = []
    for n in names:
        v = by.get(n, [])
        shown = " ".join(f"{x:.0f}" if x >= 50 else f"{x:.1f}" for x in v)
        cells.append(f"{statistics.median(v):9.1f} ({shown})" if v else "-")
    print(f"{scenario:22s}" + "".join(f"{c:>30s}" for c in cells))
print("(a value of nan: that run had failed checks)")
PY
