package io.stowage.metadata.jdbc;

import io.stowage.metadata.RobotRecord;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Queries on {@code robots}. */
final class RobotsTable {

    private static final String COLUMNS =
            "name, secret_hash, scopes, expires_at, revoked_at, created_by, created_at";

    /** False when the name is taken. */
    static boolean insert(Connection c, RobotRecord robot) throws SQLException {
        return Sql.update(c, "INSERT INTO robots (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (name) DO NOTHING",
                robot.name(), robot.secretHash(), ScopesJson.write(robot.scopes()),
                Columns.millisOrNull(robot.expiresAt()), Columns.millisOrNull(robot.revokedAt()), robot.createdBy(),
                robot.createdAt().toEpochMilli()) > 0;
    }

    static Optional<RobotRecord> find(Connection c, String name) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM robots WHERE name = ?", RobotsTable::record, name);
    }

    /** Names strictly after {@code after}; every valid name sorts after the empty string. */
    static List<RobotRecord> list(Connection c, String after, int limit) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM robots WHERE name > ? ORDER BY name LIMIT ?",
                RobotsTable::record, after == null ? "" : after, limit);
    }

    /** Only a robot not yet revoked: the first revocation's time stays. */
    static boolean revoke(Connection c, String name, Instant at) throws SQLException {
        return Sql.update(c, "UPDATE robots SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                at.toEpochMilli(), name) > 0;
    }

    /** Whether the robot exists; if so, it cannot be deleted until this transaction ends. */
    static boolean lockIfPresent(Connection c, SqlDialect dialect, String name) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM robots WHERE name = ?" + dialect.lockShared(), name);
    }

    /** Whether the robot exists; if so, writers that would add rows naming it wait until this transaction ends. */
    static boolean lockForDelete(Connection c, SqlDialect dialect, String name) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM robots WHERE name = ?" + dialect.lockExclusive(), name);
    }

    static boolean delete(Connection c, String name) throws SQLException {
        return Sql.update(c, "DELETE FROM robots WHERE name = ?", name) > 0;
    }

    private static RobotRecord record(ResultSet row) throws SQLException {
        String name = row.getString(1);
        String hash = row.getString(2);
        List<String> scopes = ScopesJson.read(row.getString(3));
        Instant expires = Columns.instantOrNull(row, 4);
        Instant revoked = Columns.instantOrNull(row, 5);
        String createdBy = row.getString(6);
        Instant created = Columns.instant(row.getLong(7));
        return Columns.valid("robot",
                () -> new RobotRecord(name, hash, scopes, expires, revoked, createdBy, created));
    }

    private RobotsTable() {
    }
}
