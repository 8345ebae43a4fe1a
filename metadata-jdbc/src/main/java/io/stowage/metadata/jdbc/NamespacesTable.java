package io.stowage.metadata.jdbc;

import io.stowage.metadata.NamespaceRecord;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Queries on {@code namespaces}. */
final class NamespacesTable {

    private static final String COLUMNS = "name, public_pull, created_at";

    /** False when the name is taken. */
    static boolean insert(Connection c, NamespaceRecord namespace) throws SQLException {
        return Sql.update(c, "INSERT INTO namespaces (" + COLUMNS + ") VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
                namespace.name(), Columns.flag(namespace.publicPull()), namespace.createdAt().toEpochMilli()) > 0;
    }

    static Optional<NamespaceRecord> find(Connection c, String name) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM namespaces WHERE name = ?", NamespacesTable::record, name);
    }

    /** Names strictly after {@code after}; every valid name sorts after the empty string. */
    static List<NamespaceRecord> list(Connection c, String after, int limit) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM namespaces WHERE name > ? ORDER BY name LIMIT ?",
                NamespacesTable::record, after == null ? "" : after, limit);
    }

    static boolean setPublic(Connection c, String name, boolean publicPull) throws SQLException {
        return Sql.update(c, "UPDATE namespaces SET public_pull = ? WHERE name = ?", Columns.flag(publicPull), name)
                > 0;
    }

    /** Sets or (null) removes the namespace's quota; false when there is no such namespace. */
    static boolean setQuota(Connection c, String name, Long bytes) throws SQLException {
        return Sql.update(c, "UPDATE namespaces SET quota_bytes = ? WHERE name = ?", bytes, name) > 0;
    }

    /** The namespace's quota; empty when it has none or does not exist. */
    static OptionalLong quota(Connection c, String name) throws SQLException {
        return Sql.first(c, "SELECT quota_bytes FROM namespaces WHERE name = ? AND quota_bytes IS NOT NULL",
                row -> OptionalLong.of(row.getLong(1)), name).orElse(OptionalLong.empty());
    }

    /** The quotas of those of {@code names} that have one, by name. */
    static Map<String, Long> quotas(Connection c, Collection<String> names) throws SQLException {
        String marks = String.join(", ", Collections.nCopies(names.size(), "?"));
        Map<String, Long> quotas = new TreeMap<>();
        for (Map.Entry<String, Long> quota : Sql.list(c, "SELECT name, quota_bytes FROM namespaces"
                        + " WHERE quota_bytes IS NOT NULL AND name IN (" + marks + ")",
                row -> Map.entry(row.getString(1), row.getLong(2)), names.toArray())) {
            quotas.put(quota.getKey(), quota.getValue());
        }
        return quotas;
    }

    /** Whether the namespace exists; if so, it cannot be deleted until this transaction ends. */
    static boolean lockIfPresent(Connection c, SqlDialect dialect, String name) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM namespaces WHERE name = ?" + dialect.lockShared(), name);
    }

    /** Whether the namespace exists; if so, writers that would add grants or rules wait until this one ends. */
    static boolean lockForDelete(Connection c, SqlDialect dialect, String name) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM namespaces WHERE name = ?" + dialect.lockExclusive(), name);
    }

    static boolean delete(Connection c, String name) throws SQLException {
        return Sql.update(c, "DELETE FROM namespaces WHERE name = ?", name) > 0;
    }

    private static NamespaceRecord record(ResultSet row) throws SQLException {
        String name = row.getString(1);
        boolean publicPull = Columns.flag(row.getLong(2));
        Instant created = Columns.instant(row.getLong(3));
        return Columns.valid("namespace", () -> new NamespaceRecord(name, publicPull, created));
    }

    private NamespacesTable() {
    }
}
