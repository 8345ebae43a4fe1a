# Shared by the bench scripts that start the built jar under configurations of JVM options (startup.sh, memory.sh,
# fresh.sh); sourced from the repository's root. Sets root, java, shared (the benchmark kit), jar and options_file.
root=$(pwd)
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
shared="${STOWAGE_SHARED:-$(cd .. && pwd)/shared}"
[ -f "$shared/bench/RegistryBench.java" ] || shared=/work/shared
jar="$root/registry-server/target/stowage.jar"
options_file="$root/registry-server/src/main/resources/jvm.options"

# jvm_options OPTIONS: OPTIONS with '@' standing for the shipped defaults (@.../jvm.options, as the launcher passes
# them) and '{aot}' for the launcher's start-up cache of the built jar (-XX:AOTCache=...; `./stowage prepare`).
jvm_options() {
  local opts=${1//@/@$options_file} cache
  if [[ "$opts" == *"{aot}"* ]]; then
    cache="$(ls -t "$root"/registry-server/target/stowage-*.aot 2>/dev/null | head -1 || true)"
    [ -n "$cache" ] || { echo "{aot}: no start-up cache next to the jar (./stowage prepare makes it)" >&2; return 1; }
    opts=${opts//\{aot\}/-XX:AOTCache=$cache}
  fi
  printf '%s' "$opts"
}

# start_jar PORT DATA LOG OPTIONS [NAME=VALUE...]: starts `java OPTIONS -jar stowage.jar serve` on 127.0.0.1:PORT
# with its data in DATA and its output in LOG (environment: the NAME=VALUE words), sets server to its PID and
# returns once GET /v2/ answers 200; if the process ends first, prints the end of LOG and fails.
start_jar() {
  local port=$1 data=$2 log=$3 opts=$4
  shift 4
  # shellcheck disable=SC2086 # the options are a list, split on purpose
  env "$@" "$java" $opts -jar "$jar" serve --listen "127.0.0.1:$port" --data "$data" > "$log" 2>&1 &
  server=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v2/")" = 200 ]; do
    kill -0 "$server" 2>/dev/null || { echo "the server did not start ($log):" >&2; tail -5 "$log" >&2; return 1; }
    sleep 0.01
  done
}
