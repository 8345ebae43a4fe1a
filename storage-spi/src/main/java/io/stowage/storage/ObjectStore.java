package io.stowage.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Bytes by key: the only thing blob storage does. It knows nothing of digests, repositories or manifests; the
 * service layer owns the key layout. Keys are relative, '/'-separated, made of {@code [A-Za-z0-9._-]} segments, none
 * of them "." or ".."; an implementation rejects any other key with {@link IllegalArgumentException}.
 *
 * <p>Durability: when {@link #append} or {@link #move} returns, the change survives a crash of the process or
 * machine. Visibility: an object is seen by {@link #stat} and {@link #read} only complete.
 */
public interface ObjectStore extends AutoCloseable {

    /** Size and modification time of an object, or empty when there is none. */
    Optional<ObjectInfo> stat(String key);

    /**
     * Opens an object for reading from {@code offset}. The caller closes the stream.
     *
     * @throws ObjectNotFoundException when there is no such object
     */
    InputStream read(String key, long offset);

    /**
     * Appends all of {@code data} to the object, creating it when missing, and returns its new size. All or nothing:
     * if {@code data} fails while being read (its {@link IOException} is rethrown) or storage fails, the object keeps
     * its previous size. Concurrent appends to one key are the caller's to prevent.
     */
    long append(String key, InputStream data) throws IOException;

    /**
     * Atomically renames {@code source} to {@code target}: {@code target} appears complete or not at all. When
     * {@code target} already exists (content-addressed data: the same bytes), {@code source} is simply removed.
     *
     * @throws ObjectNotFoundException when there is no {@code source}
     */
    void move(String source, String target);

    /** Deletes an object; returns false when there was none. */
    boolean delete(String key);

    /**
     * Keys under {@code prefix}, in ascending lexical order, strictly after {@code startAfter} (null: from the
     * start), at most {@code limit}. Only complete objects are listed.
     */
    List<String> list(String prefix, String startAfter, int limit);

    /** A short human description for the start-up line, e.g. {@code filesystem:/data/blobs}. */
    String describe();

    @Override
    void close();
}
