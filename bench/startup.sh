#!/usr/bin/env bash
# Time from process start until GET /v2/ answers 200, for the built jar under different JVM options, measured back to
# back (not part of the tests).
#   bench/startup.sh [--starts N] [--port P] [--keep-data] 'name=JVM OPTIONS' ['name=JVM OPTIONS' ...]
#   bench/startup.sh --starts 5 'defaults=@' 'defaults+aot=@ {aot}'
# '@' stands for the shipped defaults (@registry-server/src/main/resources/jvm.options) and '{aot}' for the
# launcher's start-up cache of the built jar (-XX:AOTCache=registry-server/target/stowage-<JDK build>.aot). The
# configurations alternate start by start. Each start is on a fresh data directory, as the benchmark kit's
# server-start-ms (so it includes creating the administrator account), unless --keep-data, which restarts on the
# directory of the first start.
# A start is `java OPTIONS -jar stowage.jar serve --listen 127.0.0.1:P --data DIR`, polled with curl every 10 ms.
# Prints every start (wall time, the JVM's CPU time until then, its RSS then) and the medians per configuration.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
starts=5 port=5430 keep=0 configs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --starts) starts=$2; shift ;;
    --port) port=$2; shift ;;
    --keep-data) keep=1 ;;
    -h|--help) sed -n '2,/^set /{/^set /d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *=*) configs+=("$1") ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ ${#configs[@]} -gt 0 ] || configs=('defaults=@')
[ -f "$jar" ] || { echo "no $jar: build it first" >&2; exit 1; }
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
declare -A times cpus
for i in $(seq 1 "$starts"); do
  for config in "${configs[@]}"; do
    name=${config%%=*}
    opts="$(jvm_options "${config#*=}")"
    data="$work/$name"
    [ $keep = 1 ] || rm -rf "$data"
    t0=$(date +%s%N)
    start_jar "$port" "$data" "$work/log" "$opts"
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    rss=$(awk '$1=="VmRSS:" {printf "%.0f", $2/1024}' "/proc/$server/status")
    # CPU time the JVM used until then (user + system, all its threads): less at the mercy of other load than ms.
    cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000 / hz}' "/proc/$server/stat")
    warnings=$(grep -c -i 'warning' "$work/log" || true)
    echo "start $i $name: ${ms} ms, CPU ${cpu} ms, RSS ${rss} MiB${warnings:+, $warnings warning lines}" | sed 's/, 0 warning lines//'
    times[$name]="${times[$name]:-} $ms"
    cpus[$name]="${cpus[$name]:-} $cpu"
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for config in "${configs[@]}"; do
  name=${config%%=*}
  # shellcheck disable=SC2086 # lists of numbers
  echo "$name: median $(median ${times[$name]}) ms (CPU $(median ${cpus[$name]}) ms) over$(printf ' %s' ${times[$name]})"
done
