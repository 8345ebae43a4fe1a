package io.stowage.service;

import io.stowage.metadata.MetadataStore;
import io.stowage.storage.ObjectStore;

import java.time.Clock;

/** The services of one registry, built over one object store and one metadata store. */
public record Registry(BlobService blobs, UploadService uploads, ManifestService manifests, ListingService listings) {

    public static Registry over(ObjectStore objects, MetadataStore metadata, Clock clock) {
        return new Registry(new BlobService(objects, metadata), new UploadService(objects, metadata, clock),
                new ManifestService(metadata, clock), new ListingService(metadata));
    }
}
