package io.stowage.benchmarks;

import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.MediaTypes;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.StringJoiner;

/** Deterministic test data shaped like what registries see: image manifests, multi-platform indexes, digests. */
final class Fixtures {

    static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

    private Fixtures() {
    }

    /** The sha256 digest of the text {@code seed}: distinct and valid, like a real content address. */
    static Digest digest(String seed) {
        return Digest.of(DigestAlgorithm.SHA256, seed.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * An OCI image manifest as build tools write it: a config, {@code layers} gzip layers with realistic sizes, and
     * the annotations buildkit and Jib add.
     */
    static byte[] imageManifest(String name, int layers) {
        StringJoiner list = new StringJoiner(",");
        for (int i = 0; i < layers; i++) {
            list.add(descriptor(LAYER, digest(name + "/layer/" + i), 1_048_576L * (i + 1) + 4_321, ""));
        }
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
                + "\"config\":" + descriptor(MediaTypes.OCI_CONFIG, digest(name + "/config"), 7_023, "") + ","
                + "\"layers\":[" + list + "],"
                + "\"annotations\":{\"org.opencontainers.image.created\":\"2026-11-29T08:00:00Z\","
                + "\"org.opencontainers.image.source\":\"https://example.com/" + name + "\","
                + "\"org.opencontainers.image.revision\":\"3f1c0a9e6b7d\"}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A multi-platform OCI index over {@code platforms} image manifests (linux/amd64, linux/arm64, ...). */
    static byte[] imageIndex(String name, int platforms) {
        String[][] known = {{"linux", "amd64", ""}, {"linux", "arm64", "v8"}, {"linux", "arm", "v7"},
            {"linux", "arm", "v6"}, {"linux", "386", ""}, {"linux", "ppc64le", ""}, {"linux", "s390x", ""},
            {"linux", "riscv64", ""}};
        StringJoiner list = new StringJoiner(",");
        for (int i = 0; i < platforms; i++) {
            String[] p = known[i % known.length];
            String platform = "\"platform\":{\"architecture\":\"" + p[1] + "\",\"os\":\"" + p[0] + "\""
                    + (p[2].isEmpty() ? "" : ",\"variant\":\"" + p[2] + "\"") + "}";
            list.add(descriptor(MediaTypes.OCI_MANIFEST, digest(name + "/platform/" + i), 1_580 + i, platform));
        }
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[" + list
                + "],\"annotations\":{\"org.opencontainers.image.created\":\"2026-11-29T08:00:00Z\"}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String descriptor(String mediaType, Digest digest, long size, String extra) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }
}
