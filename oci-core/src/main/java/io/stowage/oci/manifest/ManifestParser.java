package io.stowage.oci.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;
import io.stowage.oci.MediaTypes;
import io.stowage.oci.Platform;
import io.stowage.oci.error.DigestInvalidException;
import io.stowage.oci.error.ManifestInvalidException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses and validates pushed manifest bytes. It never alters them: the {@link Manifest} keeps the exact bytes.
 * Every failure is a {@link ManifestInvalidException}; nothing else escapes for any input.
 */
public final class ManifestParser {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    private ManifestParser() {
    }

    /**
     * @param content     the bytes as pushed
     * @param contentType the request's Content-Type without parameters, or null when absent
     */
    public static Manifest parse(byte[] content, String contentType) {
        JsonNode root = readTree(content);
        if (!root.isObject()) {
            throw new ManifestInvalidException("manifest must be a JSON object");
        }
        String declared = optionalText(root, "mediaType");
        String mediaType = effectiveMediaType(declared, contentType, root);
        JsonNode schemaVersion = root.path("schemaVersion");
        // asInt() would wrap out-of-range numbers (2^32 + 2 reads as 2), so the range is checked first.
        if (!schemaVersion.isIntegralNumber() || !schemaVersion.canConvertToInt() || schemaVersion.intValue() != 2) {
            throw new ManifestInvalidException("schemaVersion must be 2");
        }
        Optional<Descriptor> subject = root.has("subject")
                ? Optional.of(descriptor(root.get("subject"), "subject")) : Optional.empty();
        Optional<String> artifactType = Optional.ofNullable(optionalText(root, "artifactType"));
        Map<String, String> annotations = annotations(root.get("annotations"), "annotations");
        if (MediaTypes.isIndex(mediaType)) {
            if (root.has("config") || root.has("layers")) {
                throw new ManifestInvalidException("an index has no config or layers");
            }
            List<Descriptor> manifests = descriptors(root, "manifests");
            return new ImageIndex(mediaType, content, manifests, subject, artifactType, annotations);
        }
        if (root.has("manifests")) {
            throw new ManifestInvalidException("an image manifest has no manifests list");
        }
        if (!root.has("config")) {
            throw new ManifestInvalidException("config is required");
        }
        Descriptor config = descriptor(root.get("config"), "config");
        List<Descriptor> layers = descriptors(root, "layers");
        return new ImageManifest(mediaType, content, config, layers, subject, artifactType, annotations);
    }

    private static JsonNode readTree(byte[] content) {
        if (content == null || content.length == 0) {
            throw new ManifestInvalidException("manifest is empty");
        }
        try (JsonParser parser = MAPPER.createParser(content)) {
            JsonNode root = MAPPER.readTree(parser);
            if (root == null || parser.nextToken() != null) {
                throw new ManifestInvalidException("manifest must be exactly one JSON value");
            }
            return root;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ManifestInvalidException mie) {
                throw mie;
            }
            throw new ManifestInvalidException("manifest is not well-formed JSON");
        }
    }

    private static String effectiveMediaType(String declared, String contentType, JsonNode root) {
        String header = contentType == null || contentType.isBlank() ? null : contentType;
        if (declared != null && header != null && !declared.equals(header)) {
            throw new ManifestInvalidException("mediaType " + declared + " does not match Content-Type " + header);
        }
        String effective = declared != null ? declared : header;
        if (effective == null) {
            // Neither says: the shape decides (OCI allows an absent mediaType).
            effective = root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        }
        if (!MediaTypes.isManifest(effective)) {
            throw new ManifestInvalidException("unsupported manifest media type: " + abbreviate(effective));
        }
        return effective;
    }

    private static List<Descriptor> descriptors(JsonNode root, String field) {
        JsonNode array = root.get(field);
        if (array == null || !array.isArray()) {
            throw new ManifestInvalidException(field + " must be an array");
        }
        List<Descriptor> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            result.add(descriptor(array.get(i), field + "[" + i + "]"));
        }
        return result;
    }

    static Descriptor descriptor(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new ManifestInvalidException(where + " must be a descriptor object");
        }
        String mediaType = optionalText(node, "mediaType");
        if (mediaType == null || mediaType.isEmpty()) {
            throw new ManifestInvalidException(where + ".mediaType is required");
        }
        String digestText = optionalText(node, "digest");
        Digest digest;
        try {
            digest = Digest.parse(digestText);
        } catch (DigestInvalidException e) {
            throw new ManifestInvalidException(where + ".digest is invalid");
        }
        JsonNode size = node.get("size");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
            throw new ManifestInvalidException(where + ".size must be a non-negative integer");
        }
        List<String> urls = new ArrayList<>();
        JsonNode urlsNode = node.get("urls");
        if (urlsNode != null) {
            if (!urlsNode.isArray()) {
                throw new ManifestInvalidException(where + ".urls must be an array");
            }
            for (JsonNode u : urlsNode) {
                if (!u.isTextual()) {
                    throw new ManifestInvalidException(where + ".urls must hold strings");
                }
                urls.add(u.asText());
            }
        }
        Platform platform = null;
        JsonNode p = node.get("platform");
        if (p != null) {
            if (!p.isObject()) {
                throw new ManifestInvalidException(where + ".platform must be an object");
            }
            platform = new Platform(optionalText(p, "architecture"), optionalText(p, "os"), optionalText(p, "variant"));
        }
        return new Descriptor(mediaType, digest, size.asLong(), optionalText(node, "artifactType"),
                annotations(node.get("annotations"), where + ".annotations"), urls, platform);
    }

    private static Map<String, String> annotations(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new ManifestInvalidException(where + " must be an object");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) {
                throw new ManifestInvalidException(where + " values must be strings");
            }
            result.put(e.getKey(), e.getValue().asText());
        }
        return result;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ManifestInvalidException(field + " must be a string");
        }
        return v.asText();
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }
}
