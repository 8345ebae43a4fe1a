package io.stowage.metadata.sqlite;

import io.stowage.metadata.ManifestRecord;
import io.stowage.metadata.UploadRecord;
import io.stowage.metadata.jdbc.Migrations;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQLite databases created before the schema was shared with PostgreSQL must keep working. {@code schema-v1.sql}
 * holds, byte for byte, the version-1 DDL those databases were created with (statements separated by a line holding
 * only {@code ;}).
 */
class ReleasedSchemaTest {

    /** The schema_version table as the released code created it. */
    private static final String RELEASED_VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    INTEGER PRIMARY KEY,
                applied_at INTEGER NOT NULL)""";

    @TempDir
    Path dir;

    @Test
    void sqliteRendersMigrationOneExactlyAsReleased() throws IOException {
        assertThat(Migrations.ALL.getFirst().statements(SqliteMetadataStore.DIALECT))
                .containsExactlyElementsOf(releasedStatements());
    }

    @Test
    void aReleasedDatabaseMigratedForwardHasExactlyTheSchemaOfANewOne() throws Exception {
        Path fresh = dir.resolve("fresh.db");
        SqliteMetadataStore.open(fresh).close();
        Path released = dir.resolve("released.db");
        createReleasedDatabase(released);
        SqliteMetadataStore.open(released).close();

        assertThat(schemaOf(released)).isEqualTo(schemaOf(fresh)).isNotEmpty();
    }

    @Test
    void aDatabaseWrittenByTheReleasedSchemaOpensAndWorks() throws Exception {
        Path file = dir.resolve("metadata.db");
        createReleasedDatabase(file);
        RepositoryName repo = RepositoryName.parse("library/old");
        Digest layer = Digest.parse("sha256:" + "a".repeat(64));
        Digest manifest = Digest.parse("sha256:" + "b".repeat(64));
        try (Connection c = connect(file); Statement s = c.createStatement()) {
            // Rows as the released code wrote them: epoch millis, annotations as sorted JSON.
            s.execute("INSERT INTO repositories (name, created_at) VALUES ('library/old', 1000)");
            s.execute("INSERT INTO blobs VALUES ('" + layer + "', 5, 1000)");
            s.execute("INSERT INTO repository_blobs VALUES (1, '" + layer + "', 1000)");
            s.execute("INSERT INTO manifests VALUES (1, '" + manifest + "', 'application/vnd.oci.image.manifest.v1+json',"
                    + " X'7B7D', 'x/y', '" + layer + "', '{\"k\":\"v\"}', 2000)");
            for (String tag : List.of("v1", "latest", "Latest")) {
                s.execute("INSERT INTO tags VALUES (1, '" + tag + "', '" + manifest + "', 2000)");
            }
            s.execute("INSERT INTO manifest_blob_refs VALUES (1, '" + manifest + "', '" + layer + "')");
            s.execute("INSERT INTO uploads VALUES ('u1', 'library/old', 5, 6)");
        }

        try (SqliteMetadataStore store = SqliteMetadataStore.open(file)) {
            assertThat(store.repositories().list(null, 10)).containsExactly(repo);
            assertThat(store.blobs().findLinked(repo, layer)).isPresent();
            assertThat(store.manifests().find(repo, manifest)).hasValueSatisfying(m -> {
                assertThat(m.content()).isEqualTo(new byte[] {'{', '}'});
                assertThat(m.annotations()).isEqualTo(Map.of("k", "v"));
            });
            assertThat(store.manifests().tags(repo, null, 10)).extracting(Tag::value)
                    .containsExactly("Latest", "latest", "v1");
            assertThat(store.manifests().referrers(repo, layer, "x/y", null, 10)).hasSize(1);
            assertThat(store.uploads().find("u1")).map(UploadRecord::repository).hasValue(repo);

            ManifestRecord next = new ManifestRecord(repo, Digest.parse("sha256:" + "c".repeat(64)),
                    "application/vnd.oci.image.manifest.v1+json", new byte[] {'[', ']'}, null, null, Map.of(),
                    Instant.EPOCH);
            assertThat(store.manifests().put(next, List.of(layer), List.of(), List.of(Tag.parse("latest"))))
                    .isEmpty();
            assertThat(store.manifests().resolve(repo, Tag.parse("latest"))).hasValue(next.digest());
            assertThat(store.manifests().delete(repo, manifest)).isTrue();
            assertThat(store.manifests().tags(repo, null, 10)).extracting(Tag::value).containsExactly("latest");
        }
        try (Connection c = connect(file)) {
            assertThat(rows(c, "SELECT version FROM schema_version ORDER BY version"))
                    .containsExactlyElementsOf(Migrations.ALL.stream().map(m -> Integer.toString(m.version())).toList());
        }
    }

    private void createReleasedDatabase(Path file) throws Exception {
        try (Connection c = connect(file); Statement s = c.createStatement()) {
            s.execute(RELEASED_VERSION_TABLE);
            for (String statement : releasedStatements()) {
                s.execute(statement);
            }
            s.execute("INSERT INTO schema_version (version, applied_at) VALUES (1, 0)");
        }
    }

    private static List<String> releasedStatements() throws IOException {
        try (InputStream in = ReleasedSchemaTest.class.getResourceAsStream("schema-v1.sql")) {
            assertThat(in).as("schema-v1.sql on the test class path").isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(text.split("\n;\n")).toList();
        }
    }

    /** Every table and index definition as SQLite stored it, in creation order. */
    private static List<String> schemaOf(Path file) throws SQLException {
        try (Connection c = connect(file)) {
            return rows(c, "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY rowid");
        }
    }

    private static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            List<String> result = new ArrayList<>();
            while (rows.next()) {
                result.add(rows.getString(1));
            }
            return result;
        }
    }
}
