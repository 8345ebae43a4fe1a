package io.stowage.storage.s3;

import io.stowage.memory.MemoryBudget;
import io.stowage.storage.ObjectInfo;
import io.stowage.storage.ObjectKeys;
import io.stowage.storage.ObjectNotFoundException;
import io.stowage.storage.ObjectStore;
import io.stowage.storage.StorageException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Objects in an S3 bucket (AWS, Ceph RGW, MinIO, ...), under an optional key prefix.
 *
 * <p>S3 cannot append, so an object is either one whole S3 object or, once appended to, a run of pieces: one S3
 * object per append, each written by a single PUT or a multipart upload completed only after the append's input
 * has ended (see {@code S3Layout} for the names). An append therefore adds a complete piece or nothing. A move
 * assembles the pieces into one whole object inside S3 (UploadPartCopy) when they are large enough to be multipart
 * parts, which is what {@link #preferredMinimumAppend()} announces, and streams them otherwise; CopyObject and
 * CompleteMultipartUpload make the target appear at once.
 *
 * <p>Which form holds a key: a whole object when there is one; else pieces starting at offset 0 (pieces without
 * one are what an interrupted delete left, and no object). The two forms coexist
 * only while an append converts a whole object (copied to the piece at offset 0 before it is deleted), with the
 * same bytes, so checking the whole object first is safe and costs one request in the common case.
 *
 * <p>Durability is S3's: a completed PUT or copy is stored. Thread-safe; holds an HTTP connection pool, hence
 * {@link #close}.
 */
public final class S3ObjectStore implements ObjectStore {

    /** S3's smallest multipart part: pieces of at least this size are assembled without passing through here. */
    private static final long PREFERRED_MINIMUM_APPEND = Tuning.MIN_PART_SIZE;
    /** SigV4's longest presigned URL validity. */
    private static final Duration MAX_PRESIGNED_VALIDITY = Duration.ofDays(7);

    private final S3Settings settings;
    private final S3Layout layout;
    private final BucketClient bucket;
    private final Tuning tuning;
    private final MemoryBudget memory;
    private final ServerSideCopy copier;
    private final KeyListing listing;

    private S3ObjectStore(S3Settings settings, BucketClient bucket, Tuning tuning, MemoryBudget memory) {
        this.settings = settings;
        this.layout = new S3Layout(settings.keyPrefix());
        this.bucket = bucket;
        this.tuning = tuning;
        this.memory = memory;
        this.copier = new ServerSideCopy(bucket, tuning);
        this.listing = new KeyListing(bucket, layout);
    }

    /**
     * A store on the settings' bucket, which is created when missing. Appends buffer within the heap's budget for
     * transfers ({@link MemoryBudget#heap()}).
     *
     * @throws StorageException when S3 cannot be reached or the bucket neither exists nor can be created
     */
    public static S3ObjectStore open(S3Settings settings) {
        return open(settings, Tuning.DEFAULT);
    }

    static S3ObjectStore open(S3Settings settings, Tuning tuning) {
        return open(settings, tuning, MemoryBudget.heap());
    }

    static S3ObjectStore open(S3Settings settings, Tuning tuning, MemoryBudget memory) {
        BucketClient bucket = BucketClient.connect(settings);
        try {
            bucket.createBucketIfMissing(settings.region());
        } catch (RuntimeException e) {
            bucket.close();
            throw e;
        }
        return new S3ObjectStore(settings, bucket, tuning, memory);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        ObjectKeys.requireKey(key);
        return locate(key).map(stored -> new ObjectInfo(key, stored.size(), stored.lastModified()));
    }

    @Override
    public InputStream read(String key, long offset) {
        ObjectKeys.requireKey(key);
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        // A GET rather than HEAD then GET: one request for the usual whole object.
        Optional<InputStream> whole = bucket.read(layout.wholeName(key), offset);
        if (whole.isPresent()) {
            return whole.get();
        }
        StoredObject.Pieces pieces = PieceSet.of(bucket, layout, key).object()
                .orElseThrow(() -> new ObjectNotFoundException(key));
        return new PiecesInputStream(bucket, pieces.pieces(), offset);
    }

    @Override
    public long append(String key, InputStream data) throws IOException {
        ObjectKeys.requireKey(key);
        if (data == null) {
            throw new IllegalArgumentException("no data to append");
        }
        try (PendingUpload upload = PendingUpload.start(data, tuning.bufferSize(), memory)) {
            return append(key, upload);
        }
    }

    private long append(String key, PendingUpload upload) throws IOException {
        Optional<StoredObject.Whole> whole = whole(key);
        if (whole.isPresent()) {
            return appendToWhole(key, whole.get(), upload);
        }
        Optional<StoredObject.Pieces> pieced = pieces(key);
        if (pieced.isPresent()) {
            long size = pieced.get().size();
            return upload.isEmpty() ? size : size + upload.writeTo(bucket, layout.pieceName(key, size));
        }
        // Remains of an interrupted delete may lie among the pieces' names; they are no object, and the
        // conversion to pieces removes them before they could join one.
        return upload.writeTo(bucket, layout.wholeName(key));
    }

    private long appendToWhole(String key, StoredObject.Whole whole, PendingUpload upload) throws IOException {
        if (upload.isEmpty()) {
            return whole.size();
        }
        if (whole.size() == 0) {
            // replacing nothing by the new bytes is the same append, without pieces
            return upload.writeTo(bucket, whole.name());
        }
        // Remains of an interrupted delete must not join the pieces about to be written.
        PieceSet remains = PieceSet.of(bucket, layout, key);
        if (!remains.isEmpty()) {
            bucket.deleteAll(remains.names());
        }
        // The whole object becomes the piece at offset 0. Readers see the same bytes at every step: the whole
        // object while it exists, then the piece.
        copier.copy(List.of(new ServerSideCopy.Source(whole.name(), whole.size())), layout.pieceName(key, 0));
        bucket.delete(whole.name());
        return whole.size() + upload.writeTo(bucket, layout.pieceName(key, whole.size()));
    }

    @Override
    public void move(String source, String target) {
        ObjectKeys.requireKey(source);
        ObjectKeys.requireKey(target);
        StoredObject stored = locate(source).orElseThrow(() -> new ObjectNotFoundException(source));
        if (source.equals(target)) {
            return;
        }
        // Content-addressed targets: one that exists has these bytes already.
        if (!exists(target)) {
            String name = layout.wholeName(target);
            switch (stored) {
                case StoredObject.Whole whole ->
                        copier.copy(List.of(new ServerSideCopy.Source(whole.name(), whole.size())), name);
                case StoredObject.Pieces pieces -> assemble(source, pieces, name);
            }
        }
        remove(stored.names());
    }

    /** Writes the concatenation of the pieces as the whole object {@code name}. */
    private void assemble(String source, StoredObject.Pieces pieces, String name) {
        List<ServerSideCopy.Source> sources = pieces.pieces().stream()
                .map(piece -> new ServerSideCopy.Source(piece.name(), piece.size())).toList();
        if (copier.canCopy(sources)) {
            copier.copy(sources, name);
            return;
        }
        // The stream fails on a piece shorter or longer than listed, before the upload completes: the target gets
        // exactly the listed bytes or does not appear.
        try (InputStream in = new PiecesInputStream(bucket, pieces.pieces(), 0);
             PendingUpload upload = PendingUpload.start(in, tuning.bufferSize(), memory)) {
            upload.writeTo(bucket, name);
        } catch (IOException e) {
            throw new StorageException("cannot move " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(String key) {
        ObjectKeys.requireKey(key);
        Optional<StoredObject.Whole> whole = whole(key);
        PieceSet pieces = PieceSet.of(bucket, layout, key);
        List<String> names = new ArrayList<>();
        whole.ifPresent(found -> names.add(found.name()));
        // the first piece first, and remains of an interrupted delete too, though they are no object
        names.addAll(pieces.names());
        remove(names);
        return whole.isPresent() || pieces.hasFirst();
    }

    /** Moved objects are whole S3 objects: one batch request per thousand keys, no lookups. */
    @Override
    public void deleteAll(Collection<String> keys) {
        keys.forEach(ObjectKeys::requireKey);
        bucket.deleteAll(keys.stream().map(layout::wholeName).toList());
    }

    /**
     * Deletes S3 objects, the first on its own: removing a whole object or the piece at offset 0 is what makes an
     * object disappear, so it must not be left for last by a batch.
     */
    private void remove(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        bucket.delete(names.getFirst());
        if (names.size() > 1) {
            bucket.deleteAll(names.subList(1, names.size()));
        }
    }

    @Override
    public List<String> list(String prefix, String startAfter, int limit) {
        ObjectKeys.requirePrefix(prefix);
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit " + limit);
        }
        return limit == 0 ? List.of() : listing.list(prefix, startAfter, limit);
    }

    /** A presigned GET of the whole object; empty when presigning is off or the object is in pieces or missing. */
    @Override
    public Optional<URI> presignedDownload(String key, Duration validity) {
        ObjectKeys.requireKey(key);
        if (validity == null || validity.isNegative() || validity.isZero()
                || validity.compareTo(MAX_PRESIGNED_VALIDITY) > 0) {
            throw new IllegalArgumentException("presigned URL validity must be positive and at most 7 days: "
                    + validity);
        }
        if (!settings.presignedDownloads()) {
            return Optional.empty();
        }
        return whole(key).map(whole -> bucket.presignGet(whole.name(), validity));
    }

    @Override
    public long preferredMinimumAppend() {
        return PREFERRED_MINIMUM_APPEND;
    }

    @Override
    public String describe() {
        String endpoint = settings.endpoint().toString();
        if (endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
        return "s3:" + endpoint + "/" + settings.bucket() + "/" + settings.keyPrefix();
    }

    @Override
    public void close() {
        bucket.close();
    }

    /** The whole object or the pieces that hold {@code key}. */
    private Optional<StoredObject> locate(String key) {
        Optional<StoredObject.Whole> whole = whole(key);
        if (whole.isPresent()) {
            return Optional.of(whole.get());
        }
        return pieces(key).map(StoredObject.class::cast);
    }

    private boolean exists(String key) {
        return bucket.head(layout.wholeName(key)).isPresent() || bucket.head(layout.pieceName(key, 0)).isPresent();
    }

    /**
     * The pieces of {@code key} if they are an object. The piece at offset 0 decides, and a HEAD of it is cheaper
     * than a listing (much so on Ceph), so only an existing object costs a listing.
     */
    private Optional<StoredObject.Pieces> pieces(String key) {
        if (bucket.head(layout.pieceName(key, 0)).isEmpty()) {
            return Optional.empty();
        }
        return PieceSet.of(bucket, layout, key).object();
    }

    private Optional<StoredObject.Whole> whole(String key) {
        String name = layout.wholeName(key);
        return bucket.head(name).map(head -> whole(name, head));
    }

    private static StoredObject.Whole whole(String name, HeadObjectResponse head) {
        return new StoredObject.Whole(name, head.contentLength(), head.lastModified());
    }
}
