package io.stowage.service;

import io.stowage.metadata.MetadataStore;
import io.stowage.service.lifecycle.LifecycleService;
import io.stowage.service.lifecycle.PullRecorder;
import io.stowage.storage.ObjectStore;

import java.time.Clock;

/**
 * The services of one registry, built over one object store and one metadata store. {@link #close} writes the pull
 * times still waiting in memory; the stores themselves are the caller's to close, after it.
 */
public record Registry(BlobService blobs, UploadService uploads, ManifestService manifests, ListingService listings,
                       LifecycleService lifecycle, PullRecorder pulls) implements AutoCloseable {

    /** With whole downloads verified on read. */
    public static Registry over(ObjectStore objects, MetadataStore metadata, Clock clock) {
        return over(objects, metadata, clock, true);
    }

    /** {@code verifyOnRead}: whether whole blob downloads are hashed on the way out ({@link BlobService#openWhole}). */
    public static Registry over(ObjectStore objects, MetadataStore metadata, Clock clock, boolean verifyOnRead) {
        return over(objects, metadata, clock, verifyOnRead, VerifiedBlobs.NONE);
    }

    /**
     * {@code verified}: the memory of blobs this node verified, filled by pushes and verified downloads, whose
     * downloads are then not hashed again while storage shows the same object ({@link BlobService#openWhole}).
     */
    public static Registry over(ObjectStore objects, MetadataStore metadata, Clock clock, boolean verifyOnRead,
                                VerifiedBlobs verified) {
        return over(objects, metadata, clock, verifyOnRead, verified, 0);
    }

    /**
     * {@code inlineLimit}: the largest blob kept in the metadata store when it arrives whole in one request (0: none;
     * see {@link UploadService}).
     */
    public static Registry over(ObjectStore objects, MetadataStore metadata, Clock clock, boolean verifyOnRead,
                                VerifiedBlobs verified, long inlineLimit) {
        PullRecorder pulls = new PullRecorder(metadata.activity(), clock);
        return new Registry(new BlobService(objects, metadata, clock, verifyOnRead, verified),
                new UploadService(objects, metadata, clock, verified, inlineLimit),
                new ManifestService(metadata, clock, pulls), new ListingService(metadata),
                new LifecycleService(metadata), pulls);
    }

    @Override
    public void close() {
        pulls.close();
    }
}
