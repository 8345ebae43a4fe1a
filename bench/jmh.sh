#!/usr/bin/env bash
# Builds the JMH benchmarks (module benchmarks) and runs them (not part of the tests).
#   bench/jmh.sh                          all benchmarks, short: JMH_OPTS (default below)
#   bench/jmh.sh Metadata                 only those whose name matches the regular expression
#   bench/jmh.sh 'Token|Access' -prof gc  further arguments go to JMH (java -jar benchmarks.jar -h lists them;
#                                         JMH refuses an option twice: change the defaults in JMH_OPTS)
#   bench/jmh.sh --no-build ...           runs the jar already built
# JMH_OPTS replaces the defaults, e.g. JMH_OPTS='-f 3 -wi 5 -i 10' for figures worth comparing. On a shared machine
# compare only runs made back to back, and prefer -f 3 or more.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
build=1
if [ "${1:-}" = "--no-build" ]; then build=0; shift; fi
# Maven and JMH itself still use sun.misc.Unsafe, which warns from JDK 23 on unless allowed (the option is new there).
unsafe=()
if "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  unsafe=(--sun-misc-unsafe-memory-access=allow)
fi
if [ $build = 1 ]; then
  MAVEN_OPTS="${MAVEN_OPTS:-} ${unsafe[*]}" ./mvnw -q -B -DskipTests -pl benchmarks -am package >&2
fi
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || { echo "no $jar: run without --no-build" >&2; exit 1; }
# sqlite-jdbc loads its native library: allowed explicitly so the forked benchmark JVMs do not warn either.
# shellcheck disable=SC2086 # JMH_OPTS is a list of options, split on purpose
exec "$JAVA_HOME/bin/java" "${unsafe[@]}" -jar "$jar" ${JMH_OPTS:--f 1 -wi 3 -i 5 -w 2s -r 2s} \
  -jvmArgsAppend "--enable-native-access=ALL-UNNAMED ${unsafe[*]}" "$@"
