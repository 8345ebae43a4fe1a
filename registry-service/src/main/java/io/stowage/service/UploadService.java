package io.stowage.service;

import io.stowage.metadata.BlobIndex;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.QuotaExceededException;
import io.stowage.metadata.UploadIndex;
import io.stowage.metadata.UploadRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.BlobUploadInvalidException;
import io.stowage.oci.error.BlobUploadUnknownException;
import io.stowage.oci.error.DeniedException;
import io.stowage.oci.error.DigestInvalidException;
import io.stowage.oci.error.RangeNotSatisfiableException;
import io.stowage.oci.error.SizeInvalidException;
import io.stowage.oci.error.TooManyRequestsException;
import io.stowage.storage.ObjectInfo;
import io.stowage.storage.ObjectNotFoundException;
import io.stowage.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Blob uploads: monolithic, chunked and resumable. Bytes go to the session's upload object, hashed on the way;
 * a blob becomes visible only when its digest is verified and the upload object is atomically moved into the
 * content-addressed area. Sessions are rows in the metadata store and bytes in the object store, so they survive
 * restarts; the running hash is only a cache, recomputed from the stored bytes when it is missing.
 *
 * <p>A small blob sent whole in one request (a POST with {@code ?digest=}, the PUT that closes a session which has
 * received nothing yet, or the only PATCH of a session, which its row then holds until the closing PUT), with its
 * length declared and at most the inline limit, never touches the object store: it is read into memory, verified
 * and kept in the metadata store with its record ({@link BlobIndex#claimInline}), one write where a file or an
 * object would cost several, and several syncs.
 */
public final class UploadService {

    private static final Logger LOG = LoggerFactory.getLogger(UploadService.class);
    private static final int PURGE_BATCH = 100;
    /** A collection deletes one batch of bytes at a time, so a condemned blob is buried within seconds. */
    private static final int CLAIM_ATTEMPTS = 100;
    private static final Duration CLAIM_PAUSE = Duration.ofMillis(100);
    /**
     * The largest inline limit: an inline blob is held in memory whole as it is pushed and pulled, and stays below the
     * size whose verification is remembered ({@link BlobService#REMEMBERED_SIZE}), which needs an object's identity.
     */
    public static final long MAX_INLINE_LIMIT = 1024 * 1024 - 1;

    private final ObjectStore objects;
    private final MetadataStore metadata;
    private final Clock clock;
    private final VerifiedBlobs verified;
    private final long inlineLimit;
    private final UploadHashes hashes = new UploadHashes();
    private final StripedLocks locks = new StripedLocks(256);

    public UploadService(ObjectStore objects, MetadataStore metadata, Clock clock) {
        this(objects, metadata, clock, VerifiedBlobs.NONE);
    }

    /** {@code verified}: where a published blob is remembered as verified, for verification on read. */
    public UploadService(ObjectStore objects, MetadataStore metadata, Clock clock, VerifiedBlobs verified) {
        this(objects, metadata, clock, verified, 0);
    }

    /**
     * {@code inlineLimit}: the largest blob, in bytes, kept in the metadata store when it arrives whole in one request
     * (0: none; see the class comment). At most {@link #MAX_INLINE_LIMIT}.
     */
    public UploadService(ObjectStore objects, MetadataStore metadata, Clock clock, VerifiedBlobs verified,
                         long inlineLimit) {
        if (inlineLimit < 0 || inlineLimit > MAX_INLINE_LIMIT) {
            throw new IllegalArgumentException("inline limit must be between 0 and " + MAX_INLINE_LIMIT);
        }
        this.objects = objects;
        this.metadata = metadata;
        this.clock = clock;
        this.verified = verified;
        this.inlineLimit = inlineLimit;
    }

    /**
     * The chunk size below which the storage backend has to copy chunks again to assemble the blob (0: none), for
     * clients to read as {@code OCI-Chunk-Min-Length}. Smaller chunks are still accepted.
     */
    public long minimumChunkLength() {
        return objects.preferredMinimumAppend();
    }

    /** Starts a session; the caller sends data with PATCH or PUT to it. */
    public UploadStatus start(RepositoryName repository) {
        UploadId id = UploadId.random();
        var now = clock.instant();
        metadata.uploads().create(new UploadRecord(id.value(), repository, now, now));
        return new UploadStatus(repository, id, 0);
    }

    public UploadStatus status(RepositoryName repository, UploadId id) {
        UploadRecord session = requireSession(repository, id);
        // The upload object, once there is one, has every byte received: bytes still held by the row are then a copy
        // that a crash kept from being released.
        long received = objects.stat(StorageLayout.uploadKey(id)).map(ObjectInfo::size).orElse(session.heldBytes());
        return new UploadStatus(repository, id, received);
    }

    /**
     * Appends a chunk and returns where the session stands. The first chunk of a session, when it is declared and
     * small enough to be kept inline, is held by the session's row instead ({@link UploadIndex#hold}): a PUT that
     * closes the session next publishes it inline, and any further chunk first moves it to the upload object.
     */
    public UploadStatus append(RepositoryName repository, UploadId id, Chunk chunk) throws IOException {
        ReentrantLock lock = locks.forKey(id.value());
        lock.lock();
        try {
            UploadRecord session = requireSession(repository, id);
            Chunk next = chunk;
            // A large chunk of a session that holds nothing is appended as always, without a look for the object.
            boolean mayHold = session.heldBytes() > 0 || fitsInline(chunk.declaredLength());
            if (mayHold && objects.stat(StorageLayout.uploadKey(id)).isEmpty()) {
                if (session.heldBytes() > 0) {
                    writeHeld(id);
                } else {
                    Small small = readSmall(chunk);
                    if (small.bytes() != null && small.bytes().length > 0
                            && metadata.uploads().hold(id.value(), small.bytes(), clock.instant())) {
                        return new UploadStatus(repository, id, small.bytes().length);
                    }
                    next = small.rest();
                }
            }
            long size = appendChunk(id, next);
            metadata.uploads().touch(id.value(), clock.instant());
            return new UploadStatus(repository, id, size);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes a session: appends the last chunk when there is one, verifies the digest and publishes the blob. On a
     * digest mismatch nothing is stored and the session is gone. When linking the blob would take a namespace covering
     * the repository past its quota, the push is refused ({@code DENIED}), the session is gone and nothing is linked.
     */
    public Digest complete(RepositoryName repository, UploadId id, Digest expected, Optional<Chunk> last)
            throws IOException {
        ReentrantLock lock = locks.forKey(id.value());
        lock.lock();
        try {
            UploadRecord session = requireSession(repository, id);
            Optional<Chunk> chunk = last;
            boolean mayBeInline = session.heldBytes() > 0
                    || chunk.isPresent() && fitsInline(chunk.get().declaredLength());
            if (mayBeInline && objects.stat(StorageLayout.uploadKey(id)).isEmpty()) {
                byte[] whole = null;
                if (session.heldBytes() == 0) {
                    // Only a chunk that fits inline gets here.
                    Small small = readSmall(chunk.get());
                    whole = small.bytes();
                    chunk = Optional.of(small.rest());
                } else if (chunk.isEmpty()) {
                    whole = metadata.uploads().held(id.value()).orElse(null);
                } else {
                    writeHeld(id);
                }
                if (whole != null) {
                    publishInline(repository, id, expected, whole);
                    metadata.uploads().delete(id.value());
                    return expected;
                }
            }
            long size = chunk.isPresent() ? appendChunk(id, chunk.get()) : storedSize(id);
            if (size == 0 && objects.stat(StorageLayout.uploadKey(id)).isEmpty()) {
                objects.append(StorageLayout.uploadKey(id), InputStream.nullInputStream());
            }
            Digest actual = digestOf(id, expected.algorithm(), size);
            publish(repository, id, expected, actual, size);
            metadata.uploads().delete(id.value());
            return expected;
        } finally {
            hashes.forget(id);
            lock.unlock();
        }
    }

    /**
     * Checks the chunk's declared start against the bytes received so far (out of order: 416), appends it, and checks
     * its declared length against what arrived. A length mismatch keeps the bytes (they are the client's): the
     * client learns the real offset from the session's Range. Called under the session's lock.
     */
    private long appendChunk(UploadId id, Chunk chunk) throws IOException {
        long received = storedSize(id);
        if (chunk.start().isPresent() && chunk.start().getAsLong() != received) {
            throw new RangeNotSatisfiableException("chunk starts at " + chunk.start().getAsLong()
                    + " but the upload has received " + received + " bytes");
        }
        long size = appendHashed(id, chunk.data(), received);
        if (chunk.declaredLength().isPresent() && size - received != chunk.declaredLength().getAsLong()) {
            throw new SizeInvalidException("received " + (size - received) + " bytes, the request declared "
                    + chunk.declaredLength().getAsLong());
        }
        return size;
    }

    /** A single-request upload (POST with {@code ?digest=}): no session row, the bytes go straight to their key. */
    public Digest uploadMonolithic(RepositoryName repository, Digest expected, InputStream body,
                                   OptionalLong declaredLength) throws IOException {
        UploadId id = UploadId.random();
        if (fitsInline(declaredLength)) {
            byte[] content = readInline(body, declaredLength.getAsLong());
            if (content.length != declaredLength.getAsLong()) {
                throw new SizeInvalidException("received " + content.length + " or more bytes, Content-Length said "
                        + declaredLength.getAsLong());
            }
            publishInline(repository, id, expected, content);
            return expected;
        }
        String key = StorageLayout.uploadKey(id);
        try (DigestInputStream in = new DigestInputStream(body, expected.algorithm().newMessageDigest())) {
            long size = objects.append(key, in);
            if (declaredLength.isPresent() && size != declaredLength.getAsLong()) {
                throw new SizeInvalidException("received " + size + " bytes, Content-Length said "
                        + declaredLength.getAsLong());
            }
            publish(repository, id, expected, Digest.of(expected.algorithm(), in.getMessageDigest()), size);
            return expected;
        } catch (IOException | RuntimeException e) {
            // Published, the upload object is gone (moved); only a failure can leave it behind.
            objects.delete(key);
            throw e;
        }
    }

    /**
     * Removes every session last active before {@code cutoff}, with the bytes it received; returns how many. The row
     * goes first, so no new request reaches a session being purged. A chunk that was already being appended when the
     * row went may leave its bytes behind, as an upload object without a session: {@link #sweepOrphans} takes those.
     */
    public int purgeInactiveSince(Instant cutoff) {
        int purged = 0;
        while (true) {
            List<UploadRecord> batch = metadata.uploads().inactiveSince(cutoff, PURGE_BATCH);
            for (UploadRecord session : batch) {
                UploadId id = UploadId.parse(session.id());
                if (metadata.uploads().delete(session.id())) {
                    hashes.forget(id);
                    objects.delete(StorageLayout.uploadKey(id));
                    purged++;
                }
            }
            if (batch.size() < PURGE_BATCH) {
                return purged;
            }
        }
    }

    /**
     * Deletes upload objects that no session owns and that were last written before {@code cutoff}: bytes of a
     * single-request upload cut off by a crash, or of a chunk that was being appended while its session was purged.
     * Single-request uploads in progress have no session row either, which is why only old objects go. Returns how
     * many. This walks the upload area of storage only; blobs are never judged by walking storage.
     */
    public int sweepOrphans(Instant cutoff) {
        int swept = 0;
        String after = null;
        while (true) {
            List<String> keys = objects.list(StorageLayout.UPLOADS, after, PURGE_BATCH);
            for (String key : keys) {
                String id = key.substring(StorageLayout.UPLOADS.length());
                boolean orphan = metadata.uploads().find(id).isEmpty();
                boolean old = objects.stat(key).map(info -> info.lastModified().isBefore(cutoff)).orElse(false);
                if (orphan && old && objects.delete(key)) {
                    swept++;
                }
            }
            if (keys.size() < PURGE_BATCH) {
                return swept;
            }
            after = keys.getLast();
        }
    }

    public void cancel(RepositoryName repository, UploadId id) {
        requireSession(repository, id);
        discard(id);
    }

    private boolean fitsInline(OptionalLong declaredLength) {
        return inlineLimit > 0 && declaredLength.isPresent() && declaredLength.getAsLong() <= inlineLimit;
    }

    /**
     * The request's bytes, at most one more than declared: a shorter array, or a longer one, says the body did not
     * have the declared length.
     */
    private static byte[] readInline(InputStream body, long declared) throws IOException {
        return body.readNBytes(Math.toIntExact(declared + 1));
    }

    /**
     * A chunk read into memory: {@code bytes} when it is to be kept inline (null otherwise), and {@code rest}, the
     * same chunk still to be appended, whatever was read of it in front.
     */
    private record Small(byte[] bytes, Chunk rest) {
    }

    /**
     * Reads a chunk that could be a whole small blob (declared, from offset 0, at most the inline limit) into memory.
     * One whose body is not what was declared is left to be appended like any such chunk, which keeps the bytes that
     * did arrive (they are the client's) and refuses the request.
     */
    private Small readSmall(Chunk chunk) throws IOException {
        if (!fitsInline(chunk.declaredLength()) || chunk.start().orElse(0) != 0) {
            return new Small(null, chunk);
        }
        byte[] content = readInline(chunk.data(), chunk.declaredLength().getAsLong());
        Chunk rest = new Chunk(new SequenceInputStream(new ByteArrayInputStream(content), chunk.data()), chunk.start(),
                chunk.declaredLength());
        return new Small(content.length == chunk.declaredLength().getAsLong() ? content : null, rest);
    }

    /**
     * Makes the bytes the session's row holds the first of its upload object, then drops them from the row: until
     * then a crash leaves them held, and once the object exists it is what counts ({@link #status}). Called under the
     * session's lock, when there is no upload object.
     */
    private void writeHeld(UploadId id) throws IOException {
        Optional<byte[]> held = metadata.uploads().held(id.value());
        if (held.isPresent()) {
            appendHashed(id, new ByteArrayInputStream(held.get()), 0);
            metadata.uploads().release(id.value());
        }
    }

    /** Publishes a blob kept in the metadata store; {@code id}: its session, if it has one. */
    private void publishInline(RepositoryName repository, UploadId id, Digest expected, byte[] content) {
        requireDigest(id, expected, Digest.of(expected.algorithm(), content));
        long generation = claim(expected, () -> metadata.blobs().claimInline(expected, content));
        link(repository, id, expected, generation, metadata.scrub().isCorrupt(expected));
    }

    private void requireDigest(UploadId id, Digest expected, Digest actual) {
        if (!expected.equals(actual)) {
            discard(id);
            throw new DigestInvalidException("content does not match digest " + expected, expected.toString());
        }
    }

    private void publish(RepositoryName repository, UploadId id, Digest expected, Digest actual, long size) {
        requireDigest(id, expected, actual);
        // Claimed before the bytes go to the content address: from then on garbage collection leaves the blob alone
        // for its grace period, and bytes already there (from an earlier push) are not being deleted.
        long generation = claim(expected, () -> metadata.blobs().claim(expected, size));
        boolean repair = metadata.scrub().isCorrupt(expected);
        if (repair) {
            // The stored bytes were found bad: this upload's verified bytes replace them instead of being dropped.
            objects.delete(StorageLayout.blobKey(expected));
        }
        // Bytes already at the content address stay there (the move only removes the upload): they were not verified
        // by this push, so only a blob that was absent is remembered as verified. What is there after the move is
        // then this upload's bytes, or another push's of the same blob, verified the same way.
        boolean remember = verified.enabled() && size >= BlobService.REMEMBERED_SIZE
                && (repair || objects.stat(StorageLayout.blobKey(expected)).isEmpty());
        objects.move(StorageLayout.uploadKey(id), StorageLayout.blobKey(expected));
        if (remember) {
            objects.stat(StorageLayout.blobKey(expected)).ifPresent(stored -> verified.verified(expected, stored));
        }
        link(repository, id, expected, generation, repair);
    }

    /** Links a claimed blob whose bytes are stored; {@code repair}: they replace bytes found corrupt. */
    private void link(RepositoryName repository, UploadId id, Digest expected, long generation, boolean repair) {
        boolean linked;
        try {
            linked = metadata.blobs().linkClaimed(repository, expected, generation);
        } catch (QuotaExceededException e) {
            // The link is refused and its transaction wrote nothing: no link, no repository. The session goes like
            // any failed completion. The bytes stay at the content address, as after a crash between claim and
            // link: the claim keeps garbage collection away for the grace period, then, with no link and no
            // manifest referencing them, a collection condemns and deletes them. Deleting them here instead would
            // not be safe: another push of the same blob may have claimed it meanwhile and rely on these bytes.
            if (repair) {
                // The bytes replaced corrupt ones and are verified, linked or not.
                metadata.scrub().verified(expected, clock.instant());
            }
            discard(id);
            throw new DeniedException(e.getMessage());
        }
        if (!linked) {
            // Collected between claim and link, which only a grace period shorter than this push allows: the bytes
            // may be gone, so the push must not succeed.
            discard(id);
            throw new BlobUploadInvalidException("the blob was garbage collected while it was being uploaded;"
                    + " upload it again");
        }
        if (repair) {
            metadata.scrub().verified(expected, clock.instant());
            LOG.info("blob {} was corrupt in storage and has been stored again by a push", expected);
        }
    }

    /** Waits out a garbage collection that is deleting this very blob's bytes, then claims it afresh. */
    private long claim(Digest digest, Supplier<OptionalLong> claim) {
        for (int attempt = 1; ; attempt++) {
            OptionalLong generation = claim.get();
            if (generation.isPresent()) {
                return generation.getAsLong();
            }
            if (attempt == CLAIM_ATTEMPTS) {
                throw new TooManyRequestsException("blob " + digest + " is being garbage collected; retry shortly");
            }
            try {
                Thread.sleep(CLAIM_PAUSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TooManyRequestsException("interrupted while waiting for garbage collection");
            }
        }
    }

    private void discard(UploadId id) {
        hashes.forget(id);
        objects.delete(StorageLayout.uploadKey(id));
        metadata.uploads().delete(id.value());
    }

    private UploadRecord requireSession(RepositoryName repository, UploadId id) {
        UploadRecord record = metadata.uploads().find(id.value())
                .orElseThrow(() -> new BlobUploadUnknownException(id.value()));
        if (!record.repository().equals(repository)) {
            throw new BlobUploadUnknownException(id.value());
        }
        return record;
    }

    private long storedSize(UploadId id) {
        return objects.stat(StorageLayout.uploadKey(id)).map(ObjectInfo::size).orElse(0L);
    }

    /**
     * Appends while extending the cached running sha256. Without a cached state the chunk is stored unhashed and the
     * digest is computed from the stored bytes at completion. A failed append leaves no state behind.
     */
    private long appendHashed(UploadId id, InputStream chunk, long received) throws IOException {
        String key = StorageLayout.uploadKey(id);
        MessageDigest running = hashes.take(id, received);
        if (running == null) {
            return objects.append(key, chunk);
        }
        long size = objects.append(key, new DigestInputStream(chunk, running));
        hashes.put(id, size, running);
        return size;
    }

    private Digest digestOf(UploadId id, DigestAlgorithm algorithm, long size) {
        if (algorithm == DigestAlgorithm.SHA256) {
            MessageDigest running = hashes.take(id, size);
            if (running != null) {
                return Digest.of(algorithm, running);
            }
        }
        MessageDigest md = algorithm.newMessageDigest();
        try {
            ObjectHashing.hash(objects, StorageLayout.uploadKey(id), md);
        } catch (ObjectNotFoundException e) {
            throw new BlobUploadInvalidException("upload data is missing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Digest.of(algorithm, md);
    }
}
