package io.stowage.metadata.jdbc;

import io.stowage.metadata.PrincipalKind;
import io.stowage.metadata.RepositoryRule;
import io.stowage.metadata.Role;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Queries on {@code repository_rules}. A NULL role is a rule that denies. */
final class RepositoryRulesTable {

    private static final String COLUMNS = "id, namespace, repository_glob, principal_kind, principal, role";

    /** Inserts the rule and returns the id the database assigned (never reused: the key is an identity column). */
    static long insert(Connection c, RepositoryRule rule) throws SQLException {
        return Sql.first(c, """
                        INSERT INTO repository_rules (namespace, repository_glob, principal_kind, principal, role)
                        VALUES (?, ?, ?, ?, ?)
                        RETURNING id""",
                        row -> row.getLong(1), rule.namespace(), rule.repositoryGlob(), rule.kind().name(),
                        rule.principal(), rule.role() == null ? null : rule.role().name())
                .orElseThrow(() -> new SQLException("an insert returned no id"));
    }

    static boolean delete(Connection c, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM repository_rules WHERE id = ?", id) > 0;
    }

    static List<RepositoryRule> in(Connection c, String namespace) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM repository_rules WHERE namespace = ? ORDER BY id",
                RepositoryRulesTable::record, namespace);
    }

    static void deleteAllIn(Connection c, String namespace) throws SQLException {
        Sql.update(c, "DELETE FROM repository_rules WHERE namespace = ?", namespace);
    }

    static void deleteAllOf(Connection c, PrincipalKind kind, String principal) throws SQLException {
        Sql.update(c, "DELETE FROM repository_rules WHERE principal_kind = ? AND principal = ?", kind.name(),
                principal);
    }

    private static RepositoryRule record(ResultSet row) throws SQLException {
        long id = row.getLong(1);
        String namespace = row.getString(2);
        String glob = row.getString(3);
        PrincipalKind kind = Columns.constant(PrincipalKind.class, row.getString(4));
        String principal = row.getString(5);
        Role role = Columns.constant(Role.class, row.getString(6));
        return Columns.valid("repository rule", () -> new RepositoryRule(id, namespace, glob, kind, principal, role));
    }

    private RepositoryRulesTable() {
    }
}
