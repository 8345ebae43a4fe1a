#!/usr/bin/env bash
# Builds the Stowage container image with Jib (no Docker engine) and pushes it to a registry or writes an OCI
# archive. The image holds a jlink'd Java runtime made from the JDK running this script, the glibc libraries it needs
# copied from this host, and the jar; so run it on a linux/amd64 (glibc) host with a JDK 21 or newer.
#
#   deploy/build-image.sh --to-registry registry.example.com/stowage/server:0.1.0
#   deploy/build-image.sh --to-registry 127.0.0.1:5000/stowage/server:dev --insecure
#   deploy/build-image.sh --to-oci-tar stowage.tar        # then: skopeo copy oci-archive:stowage.tar docker://...
#
# --version defaults to the jar's own (java -jar stowage.jar version); --source URL sets the
# org.opencontainers.image.source label. Registry credentials: STOWAGE_IMAGE_USERNAME and STOWAGE_IMAGE_PASSWORD.
# Extra JVM options for the builder go in JAVA_OPTS (e.g. -DsendCredentialsOverHttp=true for a plain-HTTP registry
# that wants credentials). Prints the image digest.
set -euo pipefail
# Paths given by the caller (--to-oci-tar, --jar) stay relative to the caller's directory: no cd.
root="$(cd "$(dirname "$0")/.." && pwd)"

if [ -n "${JAVA_HOME:-}" ]; then
  java="$JAVA_HOME/bin/java"
elif [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
else
  java=java
fi

jar="$root/registry-server/target/stowage.jar"
classpath_file="$root/container-image/target/classpath.txt"
classes="$root/container-image/target/classes"
# The builder's classpath is written by the container-image module's build (maven-dependency-plugin), so after
# that one build the image is made with plain java, without Maven.
if [ ! -f "$jar" ] || [ ! -f "$classpath_file" ] || [ ! -d "$classes/io/stowage/image" ]; then
  echo "building $jar and the image builder" >&2
  (cd "$root" && ./mvnw -q -DskipTests package -pl registry-server,container-image -am) >&2
fi

args=("$@")
has() { local a; for a in "${args[@]}"; do [ "$a" = "$1" ] && return 0; done; return 1; }
has --jar || args+=(--jar "$jar")
if ! has --version; then
  version="$("$java" -jar "$jar" version | awk '{print $2}')"
  args+=(--version "$version")
fi

jvm_options=()
# Guava, which Jib uses, still calls sun.misc.Unsafe; from JDK 23 on that warns unless allowed.
if "$java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  jvm_options+=(--sun-misc-unsafe-memory-access=allow)
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options, split on purpose.
exec "$java" "${jvm_options[@]}" ${JAVA_OPTS:-} -cp "$(cat "$classpath_file"):$classes" \
  io.stowage.image.ContainerImageBuilder "${args[@]}"
