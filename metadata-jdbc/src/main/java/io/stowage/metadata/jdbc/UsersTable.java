package io.stowage.metadata.jdbc;

import io.stowage.metadata.UserRecord;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Queries on {@code users}. */
final class UsersTable {

    private static final String COLUMNS = "username, password_hash, administrator, disabled, created_at, updated_at";

    /** False when the username is taken. */
    static boolean insert(Connection c, UserRecord user) throws SQLException {
        return Sql.update(c, "INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (username) DO NOTHING",
                user.username(), user.passwordHash(), Columns.flag(user.administrator()),
                Columns.flag(user.disabled()), user.createdAt().toEpochMilli(), user.updatedAt().toEpochMilli()) > 0;
    }

    static Optional<UserRecord> find(Connection c, String username) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM users WHERE username = ?", UsersTable::record, username);
    }

    /** Names strictly after {@code after}; every valid name sorts after the empty string. */
    static List<UserRecord> list(Connection c, String after, int limit) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM users WHERE username > ? ORDER BY username LIMIT ?",
                UsersTable::record, after == null ? "" : after, limit);
    }

    static boolean setPasswordHash(Connection c, String username, String hash, Instant at) throws SQLException {
        return Sql.update(c, "UPDATE users SET password_hash = ?, updated_at = ? WHERE username = ?",
                hash, at.toEpochMilli(), username) > 0;
    }

    static boolean setDisabled(Connection c, String username, boolean disabled, Instant at) throws SQLException {
        return Sql.update(c, "UPDATE users SET disabled = ?, updated_at = ? WHERE username = ?",
                Columns.flag(disabled), at.toEpochMilli(), username) > 0;
    }

    static boolean setAdministrator(Connection c, String username, boolean administrator, Instant at)
            throws SQLException {
        return Sql.update(c, "UPDATE users SET administrator = ?, updated_at = ? WHERE username = ?",
                Columns.flag(administrator), at.toEpochMilli(), username) > 0;
    }

    /** Whether the user exists; if so, it cannot be deleted until this transaction ends. */
    static boolean lockIfPresent(Connection c, SqlDialect dialect, String username) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM users WHERE username = ?" + dialect.lockShared(), username);
    }

    /** Whether the user exists; if so, writers that would add rows naming it wait until this transaction ends. */
    static boolean lockForDelete(Connection c, SqlDialect dialect, String username) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM users WHERE username = ?" + dialect.lockExclusive(), username);
    }

    static boolean delete(Connection c, String username) throws SQLException {
        return Sql.update(c, "DELETE FROM users WHERE username = ?", username) > 0;
    }

    static long count(Connection c) throws SQLException {
        return Sql.first(c, "SELECT count(*) FROM users", row -> row.getLong(1)).orElse(0L);
    }

    private static UserRecord record(ResultSet row) throws SQLException {
        String username = row.getString(1);
        String hash = row.getString(2);
        boolean administrator = Columns.flag(row.getLong(3));
        boolean disabled = Columns.flag(row.getLong(4));
        Instant created = Columns.instant(row.getLong(5));
        Instant updated = Columns.instant(row.getLong(6));
        return Columns.valid("user", () -> new UserRecord(username, hash, administrator, disabled, created, updated));
    }

    private UsersTable() {
    }
}
