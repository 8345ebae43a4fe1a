package io.stowage.metadata.sqlite;

import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.MetadataStoreContract;
import io.stowage.metadata.cache.CachingMetadataStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole contract again through the manifest cache the server puts over SQLite, with a cache small enough to
 * evict: every write path of the contract followed by a read must see the write.
 */
class CachingSqliteMetadataStoreTest extends MetadataStoreContract {

    @TempDir
    Path dir;

    @Override
    protected MetadataStore createStore() {
        return new CachingMetadataStore(SqliteMetadataStore.open(dir.resolve("metadata.db")), 16 * 1024);
    }

    @Override
    protected MetadataStore reopen(MetadataStore old) {
        old.close();
        return createStore();
    }

    @Test
    void sqliteIsOwnedByOneProcessSoItMayBeCached() {
        assertThat(store.isShared()).isFalse();
    }

    @Test
    void aSharedStoreIsRefused() {
        MetadataStore shared = new MetadataStore() {
            // Only isShared and describe are asked before the refusal.
            @Override public io.stowage.metadata.RepositoryIndex repositories() { throw new AssertionError(); }
            @Override public io.stowage.metadata.BlobIndex blobs() { throw new AssertionError(); }
            @Override public io.stowage.metadata.ManifestIndex manifests() { throw new AssertionError(); }
            @Override public io.stowage.metadata.UploadIndex uploads() { throw new AssertionError(); }
            @Override public io.stowage.metadata.LeaseIndex leases() { throw new AssertionError(); }
            @Override public io.stowage.metadata.GarbageIndex garbage() { throw new AssertionError(); }
            @Override public io.stowage.metadata.ScrubIndex scrub() { throw new AssertionError(); }
            @Override public io.stowage.metadata.UserIndex users() { throw new AssertionError(); }
            @Override public io.stowage.metadata.RobotIndex robots() { throw new AssertionError(); }
            @Override public io.stowage.metadata.NamespaceIndex namespaces() { throw new AssertionError(); }
            @Override public io.stowage.metadata.AuditIndex audit() { throw new AssertionError(); }
            @Override public io.stowage.metadata.SigningKeyIndex signingKeys() { throw new AssertionError(); }
            @Override public io.stowage.metadata.ActivityIndex activity() { throw new AssertionError(); }
            @Override public io.stowage.metadata.PolicyIndex policies() { throw new AssertionError(); }
            @Override public io.stowage.metadata.UsageIndex usage() { throw new AssertionError(); }
            @Override public io.stowage.metadata.RetentionIndex retention() { throw new AssertionError(); }
            @Override public String describe() { return "postgres://elsewhere/db"; }
            @Override public void close() { }
        };

        assertThatThrownBy(() -> new CachingMetadataStore(shared, 1024)).isInstanceOf(IllegalArgumentException.class);
    }
}
