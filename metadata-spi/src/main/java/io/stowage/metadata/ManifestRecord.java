package io.stowage.metadata;

import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A manifest as stored: its exact bytes plus what referrers need. {@code artifactType} is the effective artifact
 * type (artifactType field, else config media type) or null; {@code subject} is null when the manifest has none.
 */
public record ManifestRecord(RepositoryName repository, Digest digest, String mediaType, byte[] content,
                             String artifactType, Digest subject, Map<String, String> annotations,
                             Instant createdAt) {

    public ManifestRecord {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public long size() {
        return content.length;
    }
}
