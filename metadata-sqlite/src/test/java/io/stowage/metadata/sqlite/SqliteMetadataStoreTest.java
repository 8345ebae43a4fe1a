package io.stowage.metadata.sqlite;

import io.stowage.metadata.ManifestRecord;
import io.stowage.metadata.MetadataException;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.MetadataStoreContract;
import io.stowage.metadata.UploadRecord;
import io.stowage.metadata.jdbc.Migration;
import io.stowage.metadata.jdbc.Migrations;
import io.stowage.metadata.jdbc.Schema;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteMetadataStoreTest extends MetadataStoreContract {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("metadata.db");
    }

    @Override
    protected MetadataStore createStore() {
        return SqliteMetadataStore.open(file());
    }

    @Override
    protected MetadataStore reopen(MetadataStore old) {
        old.close();
        return SqliteMetadataStore.open(file());
    }

    private SqliteMetadataStore sqlite() {
        return (SqliteMetadataStore) store;
    }

    @Test
    void everyConnectionRunsInWalModeWithForeignKeysAndABusyTimeoutAndTheWriterSyncsByGroupCommit() {
        Database database = sqlite().database();
        int connections = 1 + Database.READERS;

        assertThat(database.pragmaOnEveryConnection("journal_mode")).hasSize(connections).containsOnly("wal");
        // The writer is NORMAL (1): its WalSync syncs the WAL for the commits that wait; the readers never write.
        assertThat(database.pragmaOnEveryConnection("synchronous")).containsExactlyElementsOf(
                IntStream.range(0, connections).mapToObj(i -> i == 0 ? "1" : "2").toList());
        assertThat(database.pragmaOnEveryConnection("foreign_keys")).hasSize(connections).containsOnly("1");
        assertThat(database.pragmaOnEveryConnection("busy_timeout")).hasSize(connections)
                .containsOnly(Integer.toString(Database.BUSY_TIMEOUT_MILLIS));
        assertThat(database.pragmaOnEveryConnection("query_only")).containsExactlyElementsOf(
                IntStream.range(0, connections).mapToObj(i -> i == 0 ? "0" : "1").toList());
    }

    @Test
    void theFileIsInWalModeForAnyoneWhoOpensIt() throws SQLException {
        try (Connection raw = raw()) {
            assertThat(query(raw, "PRAGMA journal_mode")).containsExactly("wal");
        }
    }

    @Test
    void theSchemaVersionIsRecordedOnceAcrossReopens() throws SQLException {
        store = reopen(store);
        store = reopen(store);

        try (Connection raw = raw()) {
            assertThat(query(raw, "SELECT version FROM schema_version ORDER BY version"))
                    .containsExactlyElementsOf(Migrations.ALL.stream().map(m -> Integer.toString(m.version())).toList());
        }
        assertThat(Schema.latestVersion()).isEqualTo(Migrations.ALL.getLast().version());
    }

    @Test
    void migrationsAreNumberedWithoutGaps() {
        assertThat(Migrations.ALL).extracting(Migration::version)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, Migrations.ALL.size()).boxed().toList());
    }

    @Test
    void openingTheSameFileTwiceInSequenceWorks() {
        RepositoryName repo = repo("app");
        store.blobs().link(repo, digest("layer"), 5);
        store.close();

        try (SqliteMetadataStore second = SqliteMetadataStore.open(file())) {
            assertThat(second.blobs().findLinked(repo, digest("layer"))).isPresent();
            second.blobs().link(repo, digest("more"), 6);
        }
        store = SqliteMetadataStore.open(file());
        assertThat(store.blobs().findLinked(repo, digest("more"))).isPresent();
    }

    @Test
    void aDatabaseFromANewerVersionIsRefused() throws SQLException {
        store.close();
        try (Connection raw = raw(); Statement s = raw.createStatement()) {
            s.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");
        }

        assertThatThrownBy(() -> SqliteMetadataStore.open(file()))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("99");
        store = null;
    }

    @Test
    void describeNamesTheAbsoluteFile() {
        assertThat(store.describe()).isEqualTo("sqlite:" + file().toAbsolutePath().normalize());
    }

    @Test
    void openCreatesMissingDirectories() {
        Path nested = dir.resolve("a/b/metadata.db");
        try (SqliteMetadataStore other = SqliteMetadataStore.open(nested)) {
            other.blobs().link(repo("app"), digest("x"), 1);
            assertThat(other.repositories().exists(repo("app"))).isTrue();
        }
        assertThat(nested).exists();
    }

    @Test
    void readsProceedWhileAnotherConnectionHoldsTheWriteLock() throws SQLException {
        ManifestRecord m = manifest(repo("app"), "m");
        putOk(m, List.of(), List.of(), tag("latest"));

        try (Connection raw = raw(); Statement s = raw.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute("DELETE FROM tags");
            try {
                // WAL readers see the last commit and never wait for the writer.
                assertThat(store.manifests().resolve(repo("app"), tag("latest"))).hasValue(m.digest());
                assertThat(store.manifests().find(repo("app"), m.digest())).isPresent();
                assertThat(store.repositories().list(null, 10)).containsExactly(repo("app"));
            } finally {
                s.execute("ROLLBACK");
            }
        }
    }

    @Test
    void deletingAManifestRemovesItsReferenceRowsButNotThoseNamingItAsAChild() throws SQLException {
        RepositoryName repo = repo("app");
        Digest layer = linkedBlob(repo, "layer");
        ManifestRecord child = manifest(repo, "child");
        putOk(child, List.of(layer), List.of());
        ManifestRecord index = index(repo, "index");
        putOk(index, List.of(), List.of(child.digest()));

        store.manifests().delete(repo, child.digest());

        try (Connection raw = raw()) {
            assertThat(query(raw, "SELECT count(*) FROM manifest_blob_refs")).containsExactly("0");
            assertThat(query(raw, "SELECT child_digest FROM manifest_refs"))
                    .containsExactly(child.digest().toString());
        }

        store.manifests().delete(repo, index.digest());

        try (Connection raw = raw()) {
            assertThat(query(raw, "SELECT count(*) FROM manifest_refs")).containsExactly("0");
            assertThat(query(raw, "SELECT count(*) FROM manifests")).containsExactly("0");
            assertThat(query(raw, "SELECT count(*) FROM repository_blobs")).containsExactly("1");
        }
    }

    @Test
    void timestampsAndAnnotationsAreStoredAsEpochMillisAndJson() throws SQLException {
        RepositoryName repo = repo("app");
        ManifestRecord r = referrer(repo, digest("subject"), "application/x", Map.of("b", "2", "a", "1"), "r");
        putOk(r, List.of(), List.of());

        try (Connection raw = raw()) {
            assertThat(query(raw, "SELECT created_at, annotations FROM manifests"))
                    .containsExactly(T0.toEpochMilli() + "|{\"a\":\"1\",\"b\":\"2\"}");
        }
    }

    /** Flags as 0/1, kinds and roles by name, scopes as JSON, times as epoch millis; PostgreSQL stores the same. */
    @Test
    void accessControlRowsAreStoredAsPlainPortableValues() throws SQLException {
        Map<String, List<String>> rows = writeOneRowOfEachAccessControlKind();

        try (Connection raw = raw()) {
            for (Map.Entry<String, List<String>> expected : rows.entrySet()) {
                assertThat(query(raw, expected.getKey())).as(expected.getKey())
                        .containsExactlyElementsOf(expected.getValue());
            }
        }
    }

    /** Pull times as epoch millis, quotas as integers, rules as text; PostgreSQL stores the same. */
    @Test
    void lifecycleRowsAreStoredAsPlainPortableValues() throws SQLException {
        Map<String, List<String>> rows = writeOneRowOfEachLifecycleKind();

        try (Connection raw = raw()) {
            for (Map.Entry<String, List<String>> expected : rows.entrySet()) {
                assertThat(query(raw, expected.getKey())).as(expected.getKey())
                        .containsExactlyElementsOf(expected.getValue());
            }
        }
    }

    @Test
    void databaseFailuresSurfaceAsMetadataExceptionsWithoutSql() {
        store.uploads().create(new UploadRecord("dup", repo("app"), T0, T0));

        assertThatThrownBy(() -> store.uploads().create(new UploadRecord("dup", repo("app"), T0, T0)))
                .isInstanceOf(MetadataException.class)
                .hasMessage("metadata database failure: create upload");
        assertThat(store.uploads().count()).isEqualTo(1);
    }

    @Test
    void aFailedWriteLeavesTheConnectionUsable() {
        store.uploads().create(new UploadRecord("dup", repo("app"), T0, T0));
        assertThatThrownBy(() -> store.uploads().create(new UploadRecord("dup", repo("app"), T0, T0)))
                .isInstanceOf(MetadataException.class);

        store.blobs().link(repo("app"), digest("after failure"), 1);

        assertThat(store.blobs().findLinked(repo("app"), digest("after failure"))).isPresent();
    }

    private Connection raw() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file());
    }

    /** Rows of a query, columns joined by {@code |}. */
    private static List<String> query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<String> result = new ArrayList<>();
            while (rows.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rows.getString(i));
                }
                result.add(String.join("|", values));
            }
            return result;
        }
    }
}
