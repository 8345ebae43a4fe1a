package io.stowage.oci;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A content descriptor (descriptor.md). {@code artifactType} and {@code platform} are null when absent;
 * {@code annotations} and {@code urls} are never null.
 */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType,
                         Map<String, String> annotations, List<String> urls, Platform platform) {

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, Map.of(), List.of(), null);
    }
}
