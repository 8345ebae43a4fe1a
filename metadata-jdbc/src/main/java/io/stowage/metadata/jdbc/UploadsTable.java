package io.stowage.metadata.jdbc;

import io.stowage.metadata.UploadRecord;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Queries on {@code uploads}. */
final class UploadsTable {

    private static final String COLUMNS = "id, repository, started_at, updated_at";
    private static final RowMapper<UploadRecord> RECORD = row -> new UploadRecord(row.getString(1),
            Columns.repository(row.getString(2)), Columns.instant(row.getLong(3)), Columns.instant(row.getLong(4)));

    static void insert(Connection c, UploadRecord upload) throws SQLException {
        Sql.update(c, "INSERT INTO uploads (" + COLUMNS + ") VALUES (?, ?, ?, ?)", upload.id(),
                upload.repository().value(), upload.startedAt().toEpochMilli(), upload.updatedAt().toEpochMilli());
    }

    static Optional<UploadRecord> find(Connection c, String id) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM uploads WHERE id = ?", RECORD, id);
    }

    static void touch(Connection c, String id, Instant at) throws SQLException {
        Sql.update(c, "UPDATE uploads SET updated_at = ? WHERE id = ?", at.toEpochMilli(), id);
    }

    static boolean delete(Connection c, String id) throws SQLException {
        return Sql.update(c, "DELETE FROM uploads WHERE id = ?", id) > 0;
    }

    static List<UploadRecord> inactiveSince(Connection c, Instant cutoff, int limit) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM uploads WHERE updated_at < ? ORDER BY updated_at, id LIMIT ?",
                RECORD, cutoff.toEpochMilli(), limit);
    }

    static long count(Connection c) throws SQLException {
        return Sql.first(c, "SELECT count(*) FROM uploads", row -> row.getLong(1)).orElse(0L);
    }

    private UploadsTable() {
    }
}
