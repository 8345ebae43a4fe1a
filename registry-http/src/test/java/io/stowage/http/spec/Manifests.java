package io.stowage.http.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Builds manifests with Jackson for the spec tests. Media types are spelled out here rather than taken from the code
 * under test, so a typo there cannot make the tests agree with it.
 */
final class Manifests {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /** The OCI empty descriptor's content (image-spec, "Guidance for an Empty Descriptor"). */
    static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode descriptor(String mediaType, byte[] content) {
        return descriptor(mediaType, Digests.sha256(content), content.length);
    }

    static ObjectNode descriptor(String mediaType, String digest, long size) {
        ObjectNode node = JSON.createObjectNode();
        node.put("mediaType", mediaType);
        node.put("digest", digest);
        node.put("size", size);
        return node;
    }

    /** An image manifest (OCI or Docker schema 2, by {@code mediaType}) with a config and layers. */
    static ObjectNode image(String mediaType, ObjectNode config, ObjectNode... layers) {
        ObjectNode node = JSON.createObjectNode();
        node.put("schemaVersion", 2);
        node.put("mediaType", mediaType);
        node.set("config", config);
        node.putArray("layers").addAll(List.of(layers));
        return node;
    }

    /** An index (OCI index or Docker manifest list, by {@code mediaType}). */
    static ObjectNode index(String mediaType, ObjectNode... manifests) {
        ObjectNode node = JSON.createObjectNode();
        node.put("schemaVersion", 2);
        node.put("mediaType", mediaType);
        node.putArray("manifests").addAll(List.of(manifests));
        return node;
    }

    /** An artifact: an OCI manifest with {@code artifactType}, the empty config and the empty blob as its layer. */
    static ObjectNode artifact(String artifactType) {
        ObjectNode empty = descriptor(OCI_EMPTY, EMPTY_JSON);
        ObjectNode node = image(OCI_MANIFEST, empty, empty.deepCopy());
        node.put("artifactType", artifactType);
        return node;
    }

    static ObjectNode withSubject(ObjectNode manifest, String mediaType, String digest, long size) {
        manifest.set("subject", descriptor(mediaType, digest, size));
        return manifest;
    }

    static ObjectNode withAnnotations(ObjectNode manifest, Map<String, String> annotations) {
        ObjectNode node = manifest.putObject("annotations");
        annotations.forEach(node::put);
        return manifest;
    }

    static byte[] bytes(JsonNode manifest) {
        try {
            return JSON.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Manifests() {
    }
}
