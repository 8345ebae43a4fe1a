package io.stowage.metadata.sqlite;

import io.stowage.metadata.MetadataException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * The versioned schema. Migrations only ever move forward and are applied at open, inside the caller's write
 * transaction, so a crash mid-migration leaves the previous version intact. A later change appends a
 * {@link Migration}; released ones are never edited.
 */
final class Schema {

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, List.of(
                    """
                    CREATE TABLE repositories (
                        id         INTEGER PRIMARY KEY AUTOINCREMENT,
                        name       TEXT    NOT NULL UNIQUE,
                        created_at INTEGER NOT NULL)""",
                    """
                    CREATE TABLE blobs (
                        digest     TEXT    PRIMARY KEY,
                        size       INTEGER NOT NULL CHECK (size >= 0),
                        created_at INTEGER NOT NULL)""",
                    """
                    CREATE TABLE repository_blobs (
                        repository_id INTEGER NOT NULL REFERENCES repositories (id),
                        digest        TEXT    NOT NULL REFERENCES blobs (digest),
                        linked_at     INTEGER NOT NULL,
                        PRIMARY KEY (repository_id, digest))""",
                    "CREATE INDEX repository_blobs_by_digest ON repository_blobs (digest, repository_id)",
                    """
                    CREATE TABLE manifests (
                        repository_id  INTEGER NOT NULL REFERENCES repositories (id),
                        digest         TEXT    NOT NULL,
                        media_type     TEXT    NOT NULL,
                        content        BLOB    NOT NULL,
                        artifact_type  TEXT,
                        subject_digest TEXT,
                        annotations    TEXT,
                        created_at     INTEGER NOT NULL,
                        PRIMARY KEY (repository_id, digest))""",
                    """
                    CREATE INDEX manifests_by_subject ON manifests (repository_id, subject_digest, digest)
                        WHERE subject_digest IS NOT NULL""",
                    """
                    CREATE TABLE tags (
                        repository_id   INTEGER NOT NULL,
                        name            TEXT    NOT NULL,
                        manifest_digest TEXT    NOT NULL,
                        updated_at      INTEGER NOT NULL,
                        PRIMARY KEY (repository_id, name),
                        FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest))""",
                    "CREATE INDEX tags_by_manifest ON tags (repository_id, manifest_digest)",
                    // Tag lists are in the spec's case-insensitive order, ties broken by exact name (Tag.ORDER).
                    "CREATE INDEX tags_in_listing_order ON tags (repository_id, name COLLATE NOCASE, name)",
                    """
                    CREATE TABLE manifest_blob_refs (
                        repository_id   INTEGER NOT NULL,
                        manifest_digest TEXT    NOT NULL,
                        blob_digest     TEXT    NOT NULL REFERENCES blobs (digest),
                        PRIMARY KEY (repository_id, manifest_digest, blob_digest),
                        FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest))""",
                    "CREATE INDEX manifest_blob_refs_by_blob ON manifest_blob_refs (blob_digest)",
                    // child_digest has no foreign key on purpose: a child listed by an index may be deleted.
                    """
                    CREATE TABLE manifest_refs (
                        repository_id INTEGER NOT NULL,
                        parent_digest TEXT    NOT NULL,
                        child_digest  TEXT    NOT NULL,
                        PRIMARY KEY (repository_id, parent_digest, child_digest),
                        FOREIGN KEY (repository_id, parent_digest) REFERENCES manifests (repository_id, digest))""",
                    "CREATE INDEX manifest_refs_by_child ON manifest_refs (repository_id, child_digest)",
                    // An upload names its repository rather than referencing it: the repository may not exist yet.
                    """
                    CREATE TABLE uploads (
                        id         TEXT    PRIMARY KEY,
                        repository TEXT    NOT NULL,
                        started_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL)""",
                    "CREATE INDEX uploads_by_activity ON uploads (updated_at, id)")));

    static int latestVersion() {
        return MIGRATIONS.getLast().version();
    }

    /** Brings the schema to {@link #latestVersion()}; refuses a database written by a newer Stowage. */
    static Void migrate(Connection c, Clock clock) throws SQLException {
        Sql.execute(c, """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version    INTEGER PRIMARY KEY,
                    applied_at INTEGER NOT NULL)""");
        int current = currentVersion(c);
        if (current > latestVersion()) {
            throw new MetadataException("the metadata database has schema version " + current
                    + ", newer than the " + latestVersion() + " this Stowage understands", null);
        }
        for (Migration migration : MIGRATIONS) {
            if (migration.version() > current) {
                for (String statement : migration.statements()) {
                    Sql.execute(c, statement);
                }
                Sql.update(c, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                        migration.version(), clock.millis());
            }
        }
        return null;
    }

    static int currentVersion(Connection c) throws SQLException {
        return Sql.first(c, "SELECT coalesce(max(version), 0) FROM schema_version", row -> row.getInt(1)).orElse(0);
    }

    private Schema() {
    }
}
