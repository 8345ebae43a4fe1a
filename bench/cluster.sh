#!/usr/bin/env bash
# Push and pull throughput of a two-node Stowage cluster (S3 on Ceph RGW + PostgreSQL, behind haproxy), measured with
# the benchmark kit's RegistryBench pointed at the balancer. Not part of the test run.
#
#   bench/cluster.sh [RegistryBench options...]     e.g. bench/cluster.sh --scenarios push-large,pull-large
#
# Needs: the built jar (./mvnw -DskipTests install), Ceph from ../shared/s3 (started here if S3_ENDPOINT is unset),
# PostgreSQL server binaries and haproxy (Debian packages), and the kit in ../shared/bench.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
shared="${STOWAGE_SHARED:-$(cd .. && pwd)/shared}"
[ -d "$shared/bench" ] || shared=/work/shared
nodes="${NODES:-2}"

if [ -z "${S3_ENDPOINT:-}" ]; then
  eval "$(CEPH_WITH_MGR=0 "$shared/s3/ceph-rgw-up.sh" "${TMPDIR:-/tmp}/stowage-bench-s3")"
  export S3_ENDPOINT S3_ACCESS_KEY S3_SECRET_KEY S3_REGION
fi

driver="$(find "$HOME/.m2/repository/org/postgresql/postgresql" -name 'postgresql-*.jar' | sort | tail -1)"
work="$(mktemp -d "${TMPDIR:-/tmp}/stowage-bench-cluster.XXXXXX")"
"$java" -Dstowage.jar=registry-server/target/stowage.jar -cp "interop-harness/target/classes:$driver" \
  io.stowage.interop.ClusterMain "$work" "$nodes" > "$work/url" 2> "$work/cluster.err" &
cluster=$!
trap 'kill $cluster 2>/dev/null; wait $cluster 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do [ -s "$work/url" ] && break; sleep 0.5; done
url="$(head -1 "$work/url")"
[ -n "$url" ] || { cat "$work/cluster.err" >&2; exit 1; }
echo "cluster of $nodes nodes behind $url" >&2

"$java" "$shared/bench/RegistryBench.java" --url "$url" --label "stowage-cluster-$nodes" "$@"
