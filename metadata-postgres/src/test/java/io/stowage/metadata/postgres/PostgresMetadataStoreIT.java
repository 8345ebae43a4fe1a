package io.stowage.metadata.postgres;

import io.stowage.metadata.ManifestRecord;
import io.stowage.metadata.MetadataException;
import io.stowage.metadata.UploadRecord;
import io.stowage.metadata.jdbc.Migrations;
import io.stowage.oci.RepositoryName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract on a real PostgreSQL (a fresh database per test), plus what is particular to PostgreSQL. */
class PostgresMetadataStoreIT extends PostgresContractBase {

    @Override
    protected PostgresSettings newDatabase() {
        return TestDatabases.newDatabase();
    }

    @Test
    void describeNamesTheServerAndDatabaseWithoutCredentials() {
        String database = settings.redactedUrl().substring(settings.redactedUrl().lastIndexOf('/') + 1);

        assertThat(store.describe()).startsWith("postgres://").endsWith("/" + database);
        assertThat(store.describe()).doesNotContain(settings.password()).doesNotContain("jdbc:");
    }

    @Test
    void theSchemaVersionIsRecordedOnceAcrossReopens() throws SQLException {
        store = reopen(store);
        store = reopen(store);

        assertThat(query("SELECT version FROM schema_version ORDER BY version"))
                .containsExactlyElementsOf(Migrations.ALL.stream().map(m -> Integer.toString(m.version())).toList());
    }

    @Test
    void aDatabaseFromANewerVersionIsRefused() throws SQLException {
        store.close();
        execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");

        assertThatThrownBy(() -> PostgresMetadataStore.open(settings))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("99");
        store = null;
    }

    @Test
    void everyTextColumnComparesBytewiseWhateverTheDatabaseCollation() throws SQLException {
        List<String> columns = query("""
                SELECT table_name || '.' || column_name || ' ' || coalesce(collation_name, 'default')
                FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type = 'text'
                ORDER BY 1""");

        assertThat(columns).isNotEmpty().allSatisfy(column -> assertThat(column).endsWith(" C"));
        assertThat(columns).contains("tags.name C", "repositories.name C", "manifests.digest C",
                "signing_keys.kid C");
    }

    @Test
    void integersHoldSixtyFourBits() throws SQLException {
        assertThat(query("""
                SELECT DISTINCT data_type FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name <> 'schema_version' AND data_type LIKE '%int%'"""))
                .containsExactly("bigint");
        store.blobs().link(repo("app"), digest("huge"), Long.MAX_VALUE);

        assertThat(store.blobs().find(digest("huge"))).hasValueSatisfying(
                blob -> assertThat(blob.size()).isEqualTo(Long.MAX_VALUE));
    }

    @Test
    void timestampsAndAnnotationsAreStoredAsOnSqlite() throws SQLException {
        RepositoryName repo = repo("app");
        ManifestRecord r = referrer(repo, digest("subject"), "application/x", Map.of("b", "2", "a", "1"), "r");
        putOk(r, List.of(), List.of());

        assertThat(query("SELECT created_at, annotations FROM manifests"))
                .containsExactly(T0.toEpochMilli() + "|{\"a\":\"1\",\"b\":\"2\"}");
    }

    /** The same rows as SqliteMetadataStoreTest's, read back raw the same way: one storage format for both. */
    @Test
    void accessControlRowsAreStoredAsOnSqlite() throws SQLException {
        for (Map.Entry<String, List<String>> expected : writeOneRowOfEachAccessControlKind().entrySet()) {
            assertThat(query(expected.getKey())).as(expected.getKey()).containsExactlyElementsOf(expected.getValue());
        }
    }

    /** The same rows as SqliteMetadataStoreTest's lifecycle rows, read back raw the same way. */
    @Test
    void lifecycleRowsAreStoredAsOnSqlite() throws SQLException {
        for (Map.Entry<String, List<String>> expected : writeOneRowOfEachLifecycleKind().entrySet()) {
            assertThat(query(expected.getKey())).as(expected.getKey()).containsExactlyElementsOf(expected.getValue());
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
    void aFailedWriteLeavesThePoolUsable() {
        store.uploads().create(new UploadRecord("dup", repo("app"), T0, T0));
        for (int i = 0; i < TestDatabases.TEST_POOL_SIZE * 2; i++) {
            assertThatThrownBy(() -> store.uploads().create(new UploadRecord("dup", repo("app"), T0, T0)))
                    .isInstanceOf(MetadataException.class);
        }

        store.blobs().link(repo("app"), digest("after failure"), 1);

        assertThat(store.blobs().findLinked(repo("app"), digest("after failure"))).isPresent();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = TestDatabases.connect(settings); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Rows of a query, columns joined by {@code |}. */
    private List<String> query(String sql) throws SQLException {
        try (Connection c = TestDatabases.connect(settings); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
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
