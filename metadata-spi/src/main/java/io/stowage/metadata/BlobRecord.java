package io.stowage.metadata;

import io.stowage.oci.Digest;

import java.time.Instant;

/**
 * A stored blob. {@code inline}: its bytes are kept in the metadata store itself ({@link BlobIndex#content}), not in
 * the object store; only lookups that serve or check bytes say so, the others report false.
 */
public record BlobRecord(Digest digest, long size, Instant createdAt, boolean inline) {

    /** A blob whose bytes are in the object store, or whose location the lookup did not ask for. */
    public BlobRecord(Digest digest, long size, Instant createdAt) {
        this(digest, size, createdAt, false);
    }
}
