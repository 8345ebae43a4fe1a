package io.stowage.metadata;

import io.stowage.oci.Digest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What garbage collection needs from the index. Liveness comes from the index alone, never from walking storage:
 * a blob is live while a manifest references it, or while it was claimed or linked after the cutoff (the grace
 * period protects pushes in flight). Removing a blob's bytes follows a fixed order, so that no push can come to
 * rely on bytes being deleted: {@link #condemn} removes the blob's record and leaves a tombstone in one transaction,
 * the caller deletes the bytes, and {@link #bury} removes the tombstone. While the tombstone exists,
 * {@link BlobIndex#claim} refuses the digest; after it, a push stores the bytes anew.
 */
public interface GarbageIndex {

    /**
     * Removes, at most {@code limit}, repository links made before {@code cutoff} to blobs that no manifest of that
     * repository references (layers of deleted manifests, blobs pushed but never used, blobs of deleted repositories'
     * content); returns how many it removed. A link a manifest put is checking at the same moment stays.
     */
    int pruneLinks(Instant cutoff, int limit);

    /** How many links {@link #pruneLinks} would remove now. */
    long countPrunableLinks(Instant cutoff);

    /**
     * Blobs neither claimed nor linked since {@code cutoff} that no manifest references, ordered by digest, strictly
     * after {@code after} (null: from the start), at most {@code limit}. Their remaining links are all prunable, so
     * these are exactly the blobs a collection with this cutoff takes.
     */
    List<BlobRecord> collectable(Instant cutoff, Digest after, int limit);

    /**
     * Of {@code candidates}, removes the records of those still collectable (no link left, no manifest reference,
     * untouched since {@code cutoff}) and leaves a tombstone for each, in one transaction; returns them. Their bytes
     * may then be deleted.
     */
    List<BlobRecord> condemn(Collection<Digest> candidates, Instant cutoff);

    /** Tombstones, oldest first, at most {@code limit}: bytes still to delete (also those of an interrupted run). */
    List<BlobRecord> tombstones(int limit);

    /** Removes the tombstones once their bytes are deleted; the digests may then be pushed again. */
    void bury(Collection<Digest> digests);
}
