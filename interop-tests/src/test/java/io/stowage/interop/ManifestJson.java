package io.stowage.interop;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Minimal OCI image manifests and indexes as exact bytes, written by hand so that a test knows the digest of what it
 * pushes and can compare pulls byte for byte. Values are test-controlled (digests, media types, simple labels), so
 * no JSON escaping is needed.
 */
public final class ManifestJson {

    public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String LAYER = "application/vnd.oci.image.layer.v1.tar";

    /** A descriptor: what a manifest says about a blob or a manifest it references. */
    public record Descriptor(String mediaType, String digest, long size) {

        public static Descriptor of(String mediaType, byte[] content) {
            return new Descriptor(mediaType, Sha256.digestOf(content), content.length);
        }

        String json() {
            return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
        }
    }

    private ManifestJson() {
    }

    /** An image manifest; {@code label} goes into an annotation so that otherwise equal manifests differ. */
    public static byte[] image(Descriptor config, List<Descriptor> layers, String label) {
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + OciHttp.OCI_MANIFEST + "\","
                + "\"config\":" + config.json() + ","
                + "\"layers\":[" + layers.stream().map(Descriptor::json).collect(Collectors.joining(",")) + "],"
                + "\"annotations\":{\"io.stowage.test.label\":\"" + label + "\"}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] index(List<Descriptor> manifests) {
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + OciHttp.OCI_INDEX + "\","
                + "\"manifests\":[" + manifests.stream().map(Descriptor::json).collect(Collectors.joining(",")) + "]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
