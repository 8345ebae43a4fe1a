package io.stowage.metadata;

/**
 * What the repositories a namespace covers ({@link Namespaces}) store, deduplication-aware.
 * <ul>
 *   <li>{@code logicalBlobBytes}: the sum over its repositories of their {@link RepositoryUsage#blobBytes()}: a layer
 *       shared by three repositories counts three times, as it would without deduplication.</li>
 *   <li>{@code storedBlobBytes}: each blob linked to any of its repositories once. This is what a quota limits.</li>
 *   <li>{@code uniqueBlobBytes}: the blobs that no repository outside the namespace links or references in a manifest:
 *       what garbage collection would free if every repository of the namespace were deleted.</li>
 * </ul>
 * Manifest bytes are kept per repository and count fully in each.
 */
public record NamespaceUsage(String namespace, long repositories, long manifestBytes, long logicalBlobBytes,
                             long storedBlobBytes, long uniqueBlobBytes) {

    public NamespaceUsage {
        NamespaceRecord.requireName(namespace, "namespace");
    }

    public long logicalBytes() {
        return logicalBlobBytes + manifestBytes;
    }

    /** What the namespace stores, each blob once: the figure its quota is compared with. */
    public long storedBytes() {
        return storedBlobBytes + manifestBytes;
    }

    /** What deleting every repository of the namespace would free. */
    public long uniqueBytes() {
        return uniqueBlobBytes + manifestBytes;
    }
}
