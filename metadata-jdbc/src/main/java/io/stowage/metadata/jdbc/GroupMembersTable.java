package io.stowage.metadata.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Queries on {@code group_members}. */
final class GroupMembersTable {

    /** False when the user already is a member. */
    static boolean insert(Connection c, String group, String username) throws SQLException {
        return Sql.update(c, """
                INSERT INTO group_members (group_name, username) VALUES (?, ?)
                ON CONFLICT (group_name, username) DO NOTHING""", group, username) > 0;
    }

    static boolean delete(Connection c, String group, String username) throws SQLException {
        return Sql.update(c, "DELETE FROM group_members WHERE group_name = ? AND username = ?", group, username) > 0;
    }

    static List<String> groupsOf(Connection c, String username) throws SQLException {
        return Sql.list(c, "SELECT group_name FROM group_members WHERE username = ? ORDER BY group_name",
                row -> row.getString(1), username);
    }

    /** Members strictly after {@code after}; every valid name sorts after the empty string. */
    static List<String> members(Connection c, String group, String after, int limit) throws SQLException {
        return Sql.list(c, """
                        SELECT username FROM group_members
                        WHERE group_name = ? AND username > ?
                        ORDER BY username LIMIT ?""",
                row -> row.getString(1), group, after == null ? "" : after, limit);
    }

    static void deleteAllOf(Connection c, String username) throws SQLException {
        Sql.update(c, "DELETE FROM group_members WHERE username = ?", username);
    }

    private GroupMembersTable() {
    }
}
