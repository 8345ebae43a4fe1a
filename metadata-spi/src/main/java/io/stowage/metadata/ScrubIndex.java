package io.stowage.metadata;

import io.stowage.oci.Digest;

import java.time.Instant;
import java.util.List;

/**
 * What the scrub needs: which blobs to re-hash next, and what it found. A blob marked corrupt (its bytes missing or
 * not matching its digest) is served by no repository ({@link BlobIndex#findLinked} no longer finds it) until a push
 * stores its bytes again and marks it {@link #verified}.
 */
public interface ScrubIndex {

    /**
     * Blobs whose bytes were verified longest ago (never: first), ordered by that time then digest, at most limit,
     * saying whether their bytes are {@link BlobRecord#inline inline}.
     */
    List<BlobRecord> leastRecentlyVerified(int limit);

    /** Records that the stored bytes match the digest at {@code at}; clears a corrupt mark. */
    void verified(Digest digest, Instant at);

    /** Marks the blob's stored bytes as corrupt from {@code at}, unless already marked. */
    void corrupt(Digest digest, Instant at);

    /** Whether the blob's stored bytes are known to be corrupt. */
    boolean isCorrupt(Digest digest);

    /** Blobs marked corrupt, by digest, at most {@code limit}; {@link BlobRecord#createdAt()} is when. */
    List<BlobRecord> corruptBlobs(int limit);

    long countCorrupt();
}
