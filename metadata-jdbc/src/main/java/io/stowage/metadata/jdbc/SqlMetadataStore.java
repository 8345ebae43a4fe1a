package io.stowage.metadata.jdbc;

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

import java.time.Clock;

/**
 * A {@link MetadataStore} on the shared SQL: the indexes run on the engine's {@link Transactions}, with SQL rendered
 * for its {@link SqlDialect}. An engine adds how it connects, migrates at open, describes itself and closes.
 */
public abstract class SqlMetadataStore implements MetadataStore {

    private final SqlIndexes indexes;

    protected SqlMetadataStore(Transactions transactions, SqlDialect dialect, Clock clock) {
        this.indexes = SqlIndexes.on(transactions, dialect, clock);
    }

    @Override
    public final RepositoryIndex repositories() {
        return indexes.repositories();
    }

    @Override
    public final BlobIndex blobs() {
        return indexes.blobs();
    }

    @Override
    public final ManifestIndex manifests() {
        return indexes.manifests();
    }

    @Override
    public final UploadIndex uploads() {
        return indexes.uploads();
    }

    @Override
    public final LeaseIndex leases() {
        return indexes.leases();
    }

    @Override
    public final GarbageIndex garbage() {
        return indexes.garbage();
    }

    @Override
    public final ScrubIndex scrub() {
        return indexes.scrub();
    }

    @Override
    public final UserIndex users() {
        return indexes.users();
    }

    @Override
    public final RobotIndex robots() {
        return indexes.robots();
    }

    @Override
    public final NamespaceIndex namespaces() {
        return indexes.namespaces();
    }

    @Override
    public final AuditIndex audit() {
        return indexes.audit();
    }

    @Override
    public final SigningKeyIndex signingKeys() {
        return indexes.signingKeys();
    }

    @Override
    public final ActivityIndex activity() {
        return indexes.activity();
    }

    @Override
    public final PolicyIndex policies() {
        return indexes.policies();
    }

    @Override
    public final UsageIndex usage() {
        return indexes.usage();
    }

    @Override
    public final RetentionIndex retention() {
        return indexes.retention();
    }
}
