package io.stowage.metadata.jdbc;

import io.stowage.metadata.MetadataException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Applies {@link Migrations#ALL}. Migrations only ever move forward and run inside the caller's write transaction,
 * so a crash mid-migration leaves the previous version intact. The caller makes sure no other migration runs at the
 * same time (SQLite: its write transaction excludes every other writer; PostgreSQL: an advisory lock).
 */
public final class Schema {

    private static final String VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    INTEGER PRIMARY KEY,
                applied_at {integer} NOT NULL)""";

    public static int latestVersion() {
        return Migrations.ALL.getLast().version();
    }

    /** Brings the schema to {@link #latestVersion()}; refuses a database written by a newer Stowage. */
    public static Void migrate(Connection c, SqlDialect dialect, Clock clock) throws SQLException {
        Sql.execute(c, SqlTemplate.render(VERSION_TABLE, dialect));
        int current = currentVersion(c);
        if (current > latestVersion()) {
            throw new MetadataException("the metadata database has schema version " + current
                    + ", newer than the " + latestVersion() + " this Stowage understands", null);
        }
        for (Migration migration : Migrations.ALL) {
            if (migration.version() > current) {
                for (String statement : migration.statements(dialect)) {
                    Sql.execute(c, statement);
                }
                Sql.update(c, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                        migration.version(), clock.millis());
            }
        }
        return null;
    }

    /** The version the database is at; 0 for an empty one. */
    public static int currentVersion(Connection c) throws SQLException {
        return Sql.first(c, "SELECT coalesce(max(version), 0) FROM schema_version", row -> row.getInt(1)).orElse(0);
    }

    private Schema() {
    }
}
