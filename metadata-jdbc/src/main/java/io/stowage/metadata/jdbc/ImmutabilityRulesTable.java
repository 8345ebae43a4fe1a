package io.stowage.metadata.jdbc;

import io.stowage.metadata.ImmutabilityRule;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Queries on {@code immutability_rules}. A NULL glob is a rule for every repository of its namespace. */
final class ImmutabilityRulesTable {

    private static final String COLUMNS = "id, namespace, repository_glob, tag_regex";

    /** Inserts the rule and returns the id the database assigned (never reused: the key is an identity column). */
    static long insert(Connection c, ImmutabilityRule rule) throws SQLException {
        return Sql.first(c, """
                        INSERT INTO immutability_rules (namespace, repository_glob, tag_regex)
                        VALUES (?, ?, ?)
                        RETURNING id""",
                        row -> row.getLong(1), rule.namespace(), rule.repositoryGlob(), rule.tagRegex())
                .orElseThrow(() -> new SQLException("an insert returned no id"));
    }

    static boolean delete(Connection c, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM immutability_rules WHERE id = ?", id) > 0;
    }

    static List<ImmutabilityRule> in(Connection c, String namespace) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM immutability_rules WHERE namespace = ? ORDER BY id",
                ImmutabilityRulesTable::record, namespace);
    }

    /** The rules of any of {@code namespaces}, by id. */
    static List<ImmutabilityRule> inAny(Connection c, Collection<String> namespaces) throws SQLException {
        String marks = String.join(", ", Collections.nCopies(namespaces.size(), "?"));
        return Sql.list(c, "SELECT " + COLUMNS + " FROM immutability_rules WHERE namespace IN (" + marks
                + ") ORDER BY id", ImmutabilityRulesTable::record, namespaces.toArray());
    }

    static void deleteAllIn(Connection c, String namespace) throws SQLException {
        Sql.update(c, "DELETE FROM immutability_rules WHERE namespace = ?", namespace);
    }

    private static ImmutabilityRule record(ResultSet row) throws SQLException {
        long id = row.getLong(1);
        String namespace = row.getString(2);
        String glob = row.getString(3);
        String regex = row.getString(4);
        return Columns.valid("immutability rule", () -> new ImmutabilityRule(id, namespace, glob, regex));
    }

    private ImmutabilityRulesTable() {
    }
}
