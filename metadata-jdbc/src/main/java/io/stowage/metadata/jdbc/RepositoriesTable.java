package io.stowage.metadata.jdbc;

import io.stowage.oci.RepositoryName;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Queries on {@code repositories}. */
final class RepositoriesTable {

    static Optional<Long> idOf(Connection c, RepositoryName name) throws SQLException {
        return Sql.first(c, "SELECT id FROM repositories WHERE name = ?", row -> row.getLong(1), name.value());
    }

    /** The repository's id, creating the row on first use. */
    static long ensure(Connection c, RepositoryName name, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO repositories (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                name.value(), now.toEpochMilli());
        return idOf(c, name).orElseThrow(() -> new SQLException("repository row vanished inside its transaction"));
    }

    static boolean exists(Connection c, RepositoryName name) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM repositories WHERE name = ?", name.value());
    }

    /** Names strictly after {@code last}; every valid name sorts after the empty string. */
    static List<RepositoryName> list(Connection c, String last, int limit) throws SQLException {
        return Sql.list(c, "SELECT name FROM repositories WHERE name > ? ORDER BY name LIMIT ?",
                row -> Columns.repository(row.getString(1)), last == null ? "" : last, limit);
    }

    private RepositoriesTable() {
    }
}
