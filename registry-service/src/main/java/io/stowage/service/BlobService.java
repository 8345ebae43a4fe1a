package io.stowage.service;

import io.stowage.metadata.BlobRecord;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.QuotaExceededException;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.BlobUnknownException;
import io.stowage.oci.error.DeniedException;
import io.stowage.storage.ObjectInfo;
import io.stowage.storage.ObjectNotFoundException;
import io.stowage.storage.ObjectStore;
import io.stowage.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reading, deleting and mounting blobs, whose bytes are where the push put them: inline in the metadata store (small
 * blobs sent whole in one request, see {@link UploadService}) or in the object store. A repository serves a blob only
 * once it has received it, and never once it is marked corrupt. With verification on read, a whole blob is hashed as
 * it streams out (see {@link #openWhole}).
 */
public final class BlobService {

    private static final Logger LOG = LoggerFactory.getLogger(BlobService.class);
    private static final int MOUNT_CANDIDATES = 100;
    /** Long enough for a slow client to start a large download, short enough that a leaked URL soon expires. */
    private static final Duration DIRECT_DOWNLOAD_VALIDITY = Duration.ofMinutes(15);
    /**
     * The smallest blob whose verification is remembered: below it, hashing costs little more than the two looks at
     * storage that skipping it takes, and small blobs would crowd the large ones out of the memory.
     */
    public static final long REMEMBERED_SIZE = 1024 * 1024;

    private final ObjectStore objects;
    private final MetadataStore metadata;
    private final Clock clock;
    private final boolean verifyOnRead;
    private final VerifiedBlobs verified;

    /** With verification on read of every download. */
    public BlobService(ObjectStore objects, MetadataStore metadata) {
        this(objects, metadata, Clock.systemUTC(), true);
    }

    /** Without a memory of verified blobs: with verification on read, every whole download is hashed. */
    public BlobService(ObjectStore objects, MetadataStore metadata, Clock clock, boolean verifyOnRead) {
        this(objects, metadata, clock, verifyOnRead, VerifiedBlobs.NONE);
    }

    /**
     * {@code verified}: the blobs this node verified lately (shared with the {@link UploadService} that verifies
     * pushes), whose downloads need not be hashed again while storage shows the very object that was verified.
     */
    public BlobService(ObjectStore objects, MetadataStore metadata, Clock clock, boolean verifyOnRead,
                       VerifiedBlobs verified) {
        this.objects = objects;
        this.metadata = metadata;
        this.clock = clock;
        this.verifyOnRead = verifyOnRead;
        this.verified = verified;
    }

    /** Whether whole downloads are hashed on the way out ({@code storage.verifyOnRead}). */
    public boolean verifiesOnRead() {
        return verifyOnRead;
    }

    /** The blob's size, if this repository may serve it. */
    public BlobRecord stat(RepositoryName repository, Digest digest) {
        return metadata.blobs().findLinked(repository, digest)
                .orElseThrow(() -> new BlobUnknownException(digest.toString()));
    }

    /**
     * Opens the bytes of a blob that {@link #stat} returned (so the repository may serve it) from {@code offset};
     * the caller closes the channel.
     */
    public ReadableByteChannel open(BlobRecord blob, long offset) {
        if (blob.inline()) {
            byte[] content = inlineContent(blob);
            int from = (int) Math.min(offset, content.length);
            return Channels.newChannel(new ByteArrayInputStream(content, from, content.length - from));
        }
        try {
            return objects.readChannel(StorageLayout.blobKey(blob.digest()), offset);
        } catch (ObjectNotFoundException e) {
            // The index says it exists but the bytes are gone: never serve, report it loudly.
            LOG.error("blob {} is indexed but missing from storage", blob.digest());
            throw new BlobUnknownException(blob.digest().toString());
        }
    }

    /**
     * Opens all the bytes of a blob that {@link #stat} returned, for a download of the whole blob. With verification
     * on read, they are hashed as they are read, and the read that would deliver the last of them throws instead when
     * they do not match the digest (or end early), so a client streaming them never receives a complete wrong blob:
     * its download is cut off. The stored bytes are then hashed once more: if they are what is wrong (not a bad
     * read), the blob is marked corrupt, as the scrub would mark it, and no repository serves it again until a push
     * of the same blob stores its bytes anew; the read throws {@code BLOB_UNKNOWN}. Otherwise it throws an
     * {@link IOException}. The caller closes the channel.
     *
     * <p>Not hashed again: a blob of at least {@link #REMEMBERED_SIZE} that this node verified (pushed, or downloaded
     * whole and verified) less than the remembered period ago, when storage shows, before and after it is opened,
     * the very object that was verified: same size, modification time and version ({@link VerifiedBlobs}). Any
     * other download that verifies is remembered that way.
     */
    public ReadableByteChannel openWhole(BlobRecord blob) {
        if (blob.inline()) {
            byte[] content = inlineContent(blob);
            if (verifyOnRead && !StoredBlobCheck.matches(blob, content)) {
                // Found before a byte is sent: the client gets BLOB_UNKNOWN rather than a download cut off.
                metadata.scrub().corrupt(blob.digest(), clock.instant());
                LOG.error("blob {} kept inline does not match its digest or size; it is no longer served",
                        blob.digest());
                throw new BlobUnknownException(blob.digest().toString());
            }
            return Channels.newChannel(new ByteArrayInputStream(content));
        }
        if (!verifyOnRead) {
            return open(blob, 0);
        }
        if (!verified.enabled() || blob.size() < REMEMBERED_SIZE) {
            return verifying(open(blob, 0), blob, null);
        }
        String key = StorageLayout.blobKey(blob.digest());
        Optional<ObjectInfo> before = objects.stat(key);
        ReadableByteChannel channel = open(blob, 0);
        ObjectInfo opened;
        try {
            // The object opened is the one seen before only if it is still there after: a replacement in between
            // shows another version (a store without versions gets no memory, so it needs no second look).
            opened = before.filter(ObjectInfo::hasVersion).filter(info -> before.equals(objects.stat(key)))
                    .orElse(null);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
        if (opened != null && verified.vouchesFor(blob.digest(), opened)) {
            return channel;
        }
        return verifying(channel, blob, opened);
    }

    /** The bytes of a blob kept inline, which a collection may have taken since it was looked up. */
    private byte[] inlineContent(BlobRecord blob) {
        return metadata.blobs().content(blob.digest())
                .orElseThrow(() -> new BlobUnknownException(blob.digest().toString()));
    }

    /** Hashes {@code channel}; when it matches and {@code opened} is what was read, remembers it as verified. */
    private ReadableByteChannel verifying(ReadableByteChannel channel, BlobRecord blob, ObjectInfo opened) {
        return new VerifyingChannel(channel, blob.digest(), blob.size(), read -> mismatch(blob, read), () -> {
            if (opened != null) {
                verified.verified(blob.digest(), opened);
            }
        });
    }

    private static void closeQuietly(ReadableByteChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** A download did not match; see {@link #openWhole}. Always throws. */
    private void mismatch(BlobRecord blob, long read) throws IOException {
        Digest digest = blob.digest();
        verified.forget(digest);
        StoredBlobCheck.Result check;
        try {
            check = StoredBlobCheck.check(objects, digest, blob.size());
        } catch (StorageException e) {
            check = new StoredBlobCheck.Result(StoredBlobCheck.Verdict.UNREADABLE, new IOException(e.getMessage(), e));
        }
        switch (check.verdict()) {
            case MISSING, MISMATCH -> {
                metadata.scrub().corrupt(digest, clock.instant());
                LOG.error("blob {} in storage does not match its digest or size (found on download after {} of {} "
                        + "bytes); the download was cut off and the blob is no longer served", digest, read,
                        blob.size());
                throw new BlobUnknownException(digest.toString());
            }
            case SOUND -> {
                LOG.warn("blob {} did not match its digest as it was downloaded, but its stored bytes do: a bad read; "
                        + "the download was cut off", digest);
                throw new IOException("blob " + digest + " did not match its digest as it was read");
            }
            case UNREADABLE -> {
                LOG.warn("blob {} did not match its digest as it was downloaded, and checking it again failed: {}; "
                        + "the download was cut off", digest, check.failure().toString());
                throw new IOException("blob " + digest + " did not match its digest as it was read",
                        check.failure());
            }
        }
    }

    /**
     * Where the client may fetch a blob that {@link #stat} returned straight from the storage backend, when the
     * backend hands out presigned URLs (off by default: the registry serves the bytes itself).
     */
    public Optional<URI> directDownload(BlobRecord blob) {
        if (blob.inline()) {
            return Optional.empty();
        }
        return objects.presignedDownload(StorageLayout.blobKey(blob.digest()), DIRECT_DOWNLOAD_VALIDITY);
    }

    /** Removes the blob from the repository. The bytes stay until garbage collection finds them unreferenced. */
    public void delete(RepositoryName repository, Digest digest) {
        if (!metadata.blobs().unlink(repository, digest)) {
            throw new BlobUnknownException(digest.toString());
        }
    }

    /**
     * Makes a blob stored for another repository available in {@code target} without moving bytes. With
     * {@code from}, only that repository is a source; without it, any repository the caller may pull from is
     * (automatic content discovery). Returns false when no allowed source holds the blob. Refused ({@code DENIED},
     * nothing linked) when the blob would take a namespace covering {@code target} past its quota.
     */
    public boolean mount(RepositoryName target, Digest digest, Optional<RepositoryName> from,
                         Predicate<RepositoryName> mayPull) {
        List<RepositoryName> sources;
        if (from.isPresent()) {
            sources = mayPull.test(from.get()) ? List.of(from.get()) : List.of();
        } else if (metadata.blobs().findLinked(target, digest).isPresent()) {
            sources = List.of(target);
        } else {
            sources = metadata.blobs().repositoriesWith(digest, MOUNT_CANDIDATES).stream().filter(mayPull).toList();
        }
        if (sources.isEmpty() || !stored(digest)) {
            return false;
        }
        // The index links atomically, and only while the source still has the blob: a collection cannot take the
        // bytes between this check and the new link.
        for (RepositoryName source : sources) {
            try {
                if (metadata.blobs().mount(target, source, digest)) {
                    return true;
                }
            } catch (QuotaExceededException e) {
                // Nothing was linked. Every source gives the same answer (what counts is what the target's namespace
                // stores), and an upload of the blob instead would be refused the same way.
                throw new DeniedException(e.getMessage());
            }
        }
        return false;
    }

    /**
     * Whether the blob's bytes are stored, in the object store or inline; the index is asked only for a blob the
     * object store does not have, so a mount of any other costs what it did before blobs could be inline.
     */
    private boolean stored(Digest digest) {
        return objects.stat(StorageLayout.blobKey(digest)).isPresent()
                || metadata.blobs().find(digest).map(BlobRecord::inline).orElse(false);
    }
}
