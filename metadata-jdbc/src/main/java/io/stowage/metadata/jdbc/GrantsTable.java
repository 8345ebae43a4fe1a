package io.stowage.metadata.jdbc;

import io.stowage.metadata.Grant;
import io.stowage.metadata.PrincipalKind;
import io.stowage.metadata.Role;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Queries on {@code grants}. Kinds and roles are stored by their constant names. */
final class GrantsTable {

    private static final String COLUMNS = "namespace, principal_kind, principal, role";

    /** One role per principal per namespace: a second grant replaces the first. */
    static void upsert(Connection c, Grant grant) throws SQLException {
        Sql.update(c, "INSERT INTO grants (" + COLUMNS + ") VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (namespace, principal_kind, principal) DO UPDATE SET role = excluded.role",
                grant.namespace(), grant.kind().name(), grant.principal(), grant.role().name());
    }

    static boolean delete(Connection c, String namespace, PrincipalKind kind, String principal) throws SQLException {
        return Sql.update(c, "DELETE FROM grants WHERE namespace = ? AND principal_kind = ? AND principal = ?",
                namespace, kind.name(), principal) > 0;
    }

    /** Unordered: the caller orders by kind, whose stored names do not sort in {@link PrincipalKind} order. */
    static List<Grant> in(Connection c, String namespace) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM grants WHERE namespace = ?", GrantsTable::record, namespace);
    }

    static List<Grant> of(Connection c, PrincipalKind kind, String principal) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM grants WHERE principal_kind = ? AND principal = ?"
                + " ORDER BY namespace", GrantsTable::record, kind.name(), principal);
    }

    static void deleteAllIn(Connection c, String namespace) throws SQLException {
        Sql.update(c, "DELETE FROM grants WHERE namespace = ?", namespace);
    }

    static void deleteAllOf(Connection c, PrincipalKind kind, String principal) throws SQLException {
        Sql.update(c, "DELETE FROM grants WHERE principal_kind = ? AND principal = ?", kind.name(), principal);
    }

    private static Grant record(ResultSet row) throws SQLException {
        String namespace = row.getString(1);
        PrincipalKind kind = Columns.constant(PrincipalKind.class, row.getString(2));
        String principal = row.getString(3);
        Role role = Columns.constant(Role.class, row.getString(4));
        return Columns.valid("grant", () -> new Grant(namespace, kind, principal, role));
    }

    private GrantsTable() {
    }
}
