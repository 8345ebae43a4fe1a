package io.stowage.metadata.postgres;

import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.MetadataStoreContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract on a real PostgreSQL: every test gets a fresh database of its own, and a reopen is a new store on
 * the same database, as a restarted node would open it. Subclasses choose how the database is created.
 */
abstract class PostgresContractBase extends MetadataStoreContract {

    /** The running test's database, for looking underneath the store. */
    protected PostgresSettings settings;

    /** Creates the empty database one test runs on. */
    protected abstract PostgresSettings newDatabase();

    @Override
    protected final MetadataStore createStore() {
        settings = newDatabase();
        return PostgresMetadataStore.open(settings);
    }

    @Override
    protected final MetadataStore reopen(MetadataStore old) {
        old.close();
        return PostgresMetadataStore.open(settings);
    }

    @Test
    void everyNodeWritesTheDatabaseSoItIsShared() {
        assertThat(store.isShared()).isTrue();
    }
}
