package io.stowage.metadata.jdbc;

import io.stowage.metadata.RetentionPolicy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Queries on {@code retention_policies}. A NULL glob is a policy for every repository of its namespace; any other
 * NULL is a rule that is not set. Periods are milliseconds, the flag 0/1.
 */
final class RetentionPoliciesTable {

    private static final String COLUMNS = "id, namespace, repository_glob, keep_last_tags, keep_pushed_within_ms,"
            + " keep_pulled_within_ms, include_tags, exclude_tags, untagged_older_than_ms, enabled";

    /** Inserts the policy and returns the id the database assigned (never reused: the key is an identity column). */
    static long insert(Connection c, RetentionPolicy policy) throws SQLException {
        return Sql.first(c, """
                        INSERT INTO retention_policies (namespace, repository_glob, keep_last_tags,
                            keep_pushed_within_ms, keep_pulled_within_ms, include_tags, exclude_tags,
                            untagged_older_than_ms, enabled)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        RETURNING id""",
                        row -> row.getLong(1), policy.namespace(), policy.repositoryGlob(), count(policy),
                        millis(policy.keepPushedWithin()), millis(policy.keepPulledWithin()), policy.includeTags(),
                        policy.excludeTags(), millis(policy.untaggedOlderThan()), Columns.flag(policy.enabled()))
                .orElseThrow(() -> new SQLException("an insert returned no id"));
    }

    /** Replaces the rules of the policy with that id in that namespace; false when there is none. */
    static boolean update(Connection c, RetentionPolicy policy) throws SQLException {
        return Sql.update(c, """
                        UPDATE retention_policies
                        SET repository_glob = ?, keep_last_tags = ?, keep_pushed_within_ms = ?,
                            keep_pulled_within_ms = ?, include_tags = ?, exclude_tags = ?,
                            untagged_older_than_ms = ?, enabled = ?
                        WHERE id = ? AND namespace = ?""",
                policy.repositoryGlob(), count(policy), millis(policy.keepPushedWithin()),
                millis(policy.keepPulledWithin()), policy.includeTags(), policy.excludeTags(),
                millis(policy.untaggedOlderThan()), Columns.flag(policy.enabled()), policy.id(),
                policy.namespace()) > 0;
    }

    static boolean delete(Connection c, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM retention_policies WHERE id = ?", id) > 0;
    }

    static List<RetentionPolicy> in(Connection c, String namespace) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM retention_policies WHERE namespace = ? ORDER BY id",
                RetentionPoliciesTable::record, namespace);
    }

    /** The policies of any of {@code namespaces}, by id. */
    static List<RetentionPolicy> inAny(Connection c, Collection<String> namespaces) throws SQLException {
        String marks = String.join(", ", Collections.nCopies(namespaces.size(), "?"));
        return Sql.list(c, "SELECT " + COLUMNS + " FROM retention_policies WHERE namespace IN (" + marks
                + ") ORDER BY id", RetentionPoliciesTable::record, namespaces.toArray());
    }

    static List<RetentionPolicy> after(Connection c, long afterId, int limit) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM retention_policies WHERE id > ? ORDER BY id LIMIT ?",
                RetentionPoliciesTable::record, afterId, limit);
    }

    static void deleteAllIn(Connection c, String namespace) throws SQLException {
        Sql.update(c, "DELETE FROM retention_policies WHERE namespace = ?", namespace);
    }

    private static Integer count(RetentionPolicy policy) {
        return policy.keepLastTags();
    }

    private static Long millis(Duration period) {
        return period == null ? null : period.toMillis();
    }

    private static Duration period(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Duration.ofMillis(millis);
    }

    private static RetentionPolicy record(ResultSet row) throws SQLException {
        long id = row.getLong(1);
        String namespace = row.getString(2);
        String glob = row.getString(3);
        long keep = row.getLong(4);
        Integer keepLastTags = row.wasNull() ? null : (int) Math.min(keep, Integer.MAX_VALUE);
        Duration pushed = period(row, 5);
        Duration pulled = period(row, 6);
        String include = row.getString(7);
        String exclude = row.getString(8);
        Duration untagged = period(row, 9);
        boolean enabled = Columns.flag(row.getLong(10));
        return Columns.valid("retention policy", () -> new RetentionPolicy(id, namespace, glob, keepLastTags, pushed,
                pulled, include, exclude, untagged, enabled));
    }

    private RetentionPoliciesTable() {
    }
}
