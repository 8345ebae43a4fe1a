package io.stowage.metadata.sqlite;

import io.stowage.metadata.MetadataException;
import io.stowage.metadata.UploadRecord;
import io.stowage.oci.RepositoryName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statements are reused on every connection, and reuse neither pins a reader to an old snapshot nor outlives a failure. */
class StatementCacheTest {

    @TempDir
    Path dir;

    private SqliteMetadataStore store;

    @BeforeEach
    void open() {
        store = SqliteMetadataStore.open(dir.resolve("metadata.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static UploadRecord upload(String id) {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        return new UploadRecord(id, RepositoryName.parse("a/b"), now, now);
    }

    @Test
    void aReaderReusingItsStatementSeesEveryLaterCommit() {
        // More rounds than there are readers, so every reader runs the cached query again after a later commit.
        for (int round = 0; round < 4 * Database.READERS; round++) {
            String id = "u" + round;
            assertThat(store.uploads().find(id)).isEmpty();
            store.uploads().create(upload(id));
            assertThat(store.uploads().find(id)).isPresent();
            store.uploads().delete(id);
            assertThat(store.uploads().find(id)).isEmpty();
        }
    }

    @Test
    void aStatementThatFailedIsPreparedAfreshAndTheNextUseSucceeds() {
        store.uploads().create(upload("same"));
        assertThatThrownBy(() -> store.uploads().create(upload("same"))).isInstanceOf(MetadataException.class);

        store.uploads().create(upload("other"));

        assertThat(store.uploads().find("other")).isPresent();
        assertThat(store.uploads().count()).isEqualTo(2);
    }
}
