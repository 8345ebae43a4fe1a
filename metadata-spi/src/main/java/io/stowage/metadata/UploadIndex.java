package io.stowage.metadata;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Upload sessions. The bytes received so far live in blob storage, except a small first chunk, which the session's
 * row may hold ({@link #hold}) until the session is closed or goes on; the session row says which repository the
 * upload belongs to, so any node (or the same node after a restart) can continue or purge it.
 *
 * <p>{@link #create}, {@link #touch} and {@link #delete} need not be durable when they return (they become durable
 * with the next durable change, see {@link MetadataStore}): a session is no acknowledged push, and one lost in a
 * crash makes its client start the upload again ({@code BLOB_UPLOAD_UNKNOWN}), while one deleted and brought back
 * by a crash has no bytes left and is purged as abandoned.
 */
public interface UploadIndex {

    /** Records a new session; it does not create the repository. An id already in use is a failure. */
    void create(UploadRecord upload);

    Optional<UploadRecord> find(String id);

    /** Records activity on the session (for purging abandoned ones); an unknown id is ignored. */
    void touch(String id, Instant at);

    boolean delete(String id);

    /**
     * Keeps {@code bytes}, the first a session receives, in its row instead of blob storage, and touches it: a small
     * blob sent in one chunk then needs no upload object (see {@code UploadService}). False, changing nothing, when
     * the session is gone or already holds bytes. Like {@link #touch}, need not be durable when it returns.
     */
    boolean hold(String id, byte[] bytes, Instant at);

    /** The bytes the session's row holds ({@link #hold}); empty when it holds none or is gone. */
    Optional<byte[]> held(String id);

    /** Drops the bytes the session's row holds, once they are in blob storage; need not be durable either. */
    void release(String id);

    /** Sessions last active before {@code cutoff}, oldest first, at most {@code limit}. */
    List<UploadRecord> inactiveSince(Instant cutoff, int limit);

    long count();
}
