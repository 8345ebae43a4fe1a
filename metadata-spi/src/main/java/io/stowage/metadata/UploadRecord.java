package io.stowage.metadata;

import io.stowage.oci.RepositoryName;

import java.time.Instant;
import java.util.Objects;

/**
 * An upload session: its opaque id, its repository, when it started and when it was last used, and how many bytes
 * its row holds ({@link UploadIndex#hold}; 0: none).
 */
public record UploadRecord(String id, RepositoryName repository, Instant startedAt, Instant updatedAt,
                           long heldBytes) {
    public UploadRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (heldBytes < 0) {
            throw new IllegalArgumentException("negative held bytes");
        }
    }

    /** A session whose row holds no bytes. */
    public UploadRecord(String id, RepositoryName repository, Instant startedAt, Instant updatedAt) {
        this(id, repository, startedAt, updatedAt, 0);
    }
}
