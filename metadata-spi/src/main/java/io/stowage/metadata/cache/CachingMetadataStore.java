package io.stowage.metadata.cache;

import io.stowage.metadata.ActivityIndex;
import io.stowage.metadata.AuditIndex;
import io.stowage.metadata.BlobIndex;
import io.stowage.metadata.GarbageIndex;
import io.stowage.metadata.LeaseIndex;
import io.stowage.metadata.ManifestIndex;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.NamespaceIndex;
import io.stowage.metadata.PolicyIndex;
import io.stowage.metadata.RepositoryIndex;
import io.stowage.metadata.RetentionIndex;
import io.stowage.metadata.RobotIndex;
import io.stowage.metadata.ScrubIndex;
import io.stowage.metadata.SigningKeyIndex;
import io.stowage.metadata.UploadIndex;
import io.stowage.metadata.UsageIndex;
import io.stowage.metadata.UserIndex;

/**
 * A store whose {@link #manifests()} keeps what manifest pulls and tag listings ask for, tag to digest, digest to
 * manifest and pages of tag lists, in memory ({@link CachingManifestIndex}); everything else goes straight to the store. Manifests and tags change only
 * through {@link ManifestIndex} (pushes, deletes, retention), so a cache that this object's index invalidates on each
 * of those writes is exact, provided no other process writes the store: it refuses a {@link #isShared() shared}
 * one, where another node's push would go unseen.
 */
public final class CachingMetadataStore implements MetadataStore {

    private final MetadataStore store;
    private final ManifestIndex manifests;

    /**
     * @param maxBytes about how many bytes of manifests (and tags) to hold at most
     * @throws IllegalArgumentException when {@code store} is shared with other processes
     */
    public CachingMetadataStore(MetadataStore store, long maxBytes) {
        if (store.isShared()) {
            throw new IllegalArgumentException("a shared store cannot be cached in one process: " + store.describe());
        }
        this.store = store;
        this.manifests = new CachingManifestIndex(store.manifests(), new ManifestCache(maxBytes));
    }

    @Override
    public ManifestIndex manifests() {
        return manifests;
    }

    @Override
    public boolean isShared() {
        return false;
    }

    @Override
    public RepositoryIndex repositories() {
        return store.repositories();
    }

    @Override
    public BlobIndex blobs() {
        return store.blobs();
    }

    @Override
    public UploadIndex uploads() {
        return store.uploads();
    }

    @Override
    public LeaseIndex leases() {
        return store.leases();
    }

    @Override
    public GarbageIndex garbage() {
        return store.garbage();
    }

    @Override
    public ScrubIndex scrub() {
        return store.scrub();
    }

    @Override
    public UserIndex users() {
        return store.users();
    }

    @Override
    public RobotIndex robots() {
        return store.robots();
    }

    @Override
    public NamespaceIndex namespaces() {
        return store.namespaces();
    }

    @Override
    public AuditIndex audit() {
        return store.audit();
    }

    @Override
    public SigningKeyIndex signingKeys() {
        return store.signingKeys();
    }

    @Override
    public ActivityIndex activity() {
        return store.activity();
    }

    @Override
    public PolicyIndex policies() {
        return store.policies();
    }

    @Override
    public UsageIndex usage() {
        return store.usage();
    }

    @Override
    public RetentionIndex retention() {
        return store.retention();
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public void close() {
        store.close();
    }
}
