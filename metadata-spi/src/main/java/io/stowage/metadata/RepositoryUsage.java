package io.stowage.metadata;

import io.stowage.oci.RepositoryName;

import java.util.Objects;

/**
 * What a repository stores, deduplication-aware. {@code blobBytes}: the sizes of the blobs linked to it (each blob
 * once); {@code manifestBytes}: its manifests' bytes (kept per repository, so never shared); {@code uniqueBlobBytes}:
 * the sizes of its linked blobs that no other repository links or references in a manifest, which garbage collection
 * would free if the repository were deleted.
 */
public record RepositoryUsage(RepositoryName repository, long blobs, long blobBytes, long manifests,
                              long manifestBytes, long uniqueBlobBytes) {

    public RepositoryUsage {
        Objects.requireNonNull(repository, "repository");
    }

    /** What the repository would take up on its own: its blobs and manifests. */
    public long logicalBytes() {
        return blobBytes + manifestBytes;
    }

    /** What deleting the repository would free: the blobs only it has, and its manifests. */
    public long uniqueBytes() {
        return uniqueBlobBytes + manifestBytes;
    }
}
