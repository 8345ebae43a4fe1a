package io.stowage.metadata;

import io.stowage.oci.RepositoryName;

import java.time.Instant;
import java.util.Objects;

/** An upload session: its opaque id, its repository, when it started and when it was last used. */
public record UploadRecord(String id, RepositoryName repository, Instant startedAt, Instant updatedAt) {
    public UploadRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
