package io.stowage.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Bytes by key: the only thing blob storage does. It knows nothing of digests, repositories or manifests; the
 * service layer owns the key layout.
 *
 * <p>Keys are relative, '/'-separated, made of {@code [A-Za-z0-9._-]} segments that are not empty and do not start
 * with '.' (which rules out "." and ".." and leaves dot-names to implementations for their own bookkeeping). A key
 * is at most 1000 characters and a segment at most 255: S3 allows 1024 bytes, and the difference leaves an S3 store
 * room for its own prefix and suffix; 255 is the common file name limit. An implementation rejects any other key
 * with {@link IllegalArgumentException}; {@link ObjectKeys} checks the grammar. A key is never also the "directory"
 * of another: the layout must not use both {@code a} and {@code a/b}, which a filesystem cannot hold at once.
 *
 * <p>Durability: when {@link #move} returns, the target survives a crash of the process or machine, with every byte
 * appended to the source before the move; so do deletes that returned. Appends are only made durable by the move
 * that publishes them: an object appended to but not moved may come back from a crash of the machine shorter than
 * its last returned size, or with an unreadable or zeroed tail, which is why the registry verifies an upload's digest
 * from the bytes it holds before moving it, and why an upload is never served before it is moved. Visibility: an object is seen by {@link #stat}, {@link #read} and {@link #list} only complete; the
 * "directory" of other keys is not an object.
 *
 * <p>Implementations are safe for use by many threads; the contract suite ({@code ObjectStoreContract} in this
 * module's test-jar) is what every implementation must pass.
 */
public interface ObjectStore extends AutoCloseable {

    /** Size and modification time of an object, or empty when there is none. */
    Optional<ObjectInfo> stat(String key);

    /**
     * Opens an object for reading from {@code offset}. The caller closes the stream. An offset at or past the end
     * gives an empty stream; a negative one is an {@link IllegalArgumentException}.
     *
     * @throws ObjectNotFoundException when there is no such object
     */
    InputStream read(String key, long offset);

    /**
     * {@link #read} as a channel, for streaming a whole object out. A backend on local files returns a
     * {@code FileChannel}, so the HTTP layer reads straight into its direct buffers with no copy through the heap.
     *
     * @throws ObjectNotFoundException when there is no such object
     */
    default ReadableByteChannel readChannel(String key, long offset) {
        return Channels.newChannel(read(key, offset));
    }

    /**
     * Appends all of {@code data} to the object, creating it when missing (an empty {@code data} creates an empty
     * object), and returns its new size. All or nothing: if {@code data} fails while being read (its
     * {@link IOException} is rethrown as is) or storage fails, the object keeps its previous size and content, and
     * an object that did not exist still does not. Concurrent appends to one key are the caller's to prevent; a
     * crash in the middle of an append may leave a partial tail (the caller knows the size it last saw returned).
     */
    long append(String key, InputStream data) throws IOException;

    /**
     * Atomically renames {@code source} to {@code target}: {@code target} appears complete or not at all. When
     * {@code target} already exists (content-addressed data: the same bytes), {@code source} is simply removed and
     * {@code target} keeps its content. Moves of different sources onto one target may run concurrently and all
     * succeed. Moving an object onto itself changes nothing.
     *
     * @throws ObjectNotFoundException when there is no {@code source}
     */
    void move(String source, String target);

    /** Deletes an object; returns false when there was none. */
    boolean delete(String key);

    /**
     * Deletes many objects that were each written by one {@link #move} (complete objects, never appended to since),
     * in as few requests as the backend allows; keys without an object are no failure. Garbage collection deletes
     * its batches of blobs with it.
     */
    default void deleteAll(Collection<String> keys) {
        keys.forEach(this::delete);
    }

    /**
     * Keys that start with {@code prefix}, in ascending lexical order ({@link String#compareTo}), strictly after
     * {@code startAfter} (null: from the start), at most {@code limit} of them. Only complete objects are listed.
     *
     * <p>{@code prefix} is a plain string prefix, not necessarily ending at a '/': {@code "a/b"} matches
     * {@code a/b/c} and {@code a/bc}; the empty prefix matches every key. It must be the beginning of some valid key
     * (its segments before the last '/' valid, its characters allowed), else {@link IllegalArgumentException}, as
     * is a negative {@code limit}. {@code startAfter} need not be an existing key.
     */
    List<String> list(String prefix, String startAfter, int limit);

    /**
     * A time-limited URL from which a client can download the object directly from the backend, bypassing the
     * registry; empty when the backend cannot issue one (the registry then serves the bytes itself).
     */
    default Optional<URI> presignedDownload(String key, Duration validity) {
        return Optional.empty();
    }

    /**
     * The smallest append, in bytes, the backend can assemble into an object without copying it through the
     * registry again (S3 multipart parts must be at least 5 MiB); 0 when every size is as good. Announced to clients
     * as {@code OCI-Chunk-Min-Length}. Smaller appends still work.
     */
    default long preferredMinimumAppend() {
        return 0;
    }

    /** A short human description for the start-up line, e.g. {@code filesystem:/data/blobs}. */
    String describe();

    @Override
    void close();
}
