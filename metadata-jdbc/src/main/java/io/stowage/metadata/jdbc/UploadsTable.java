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
    /** {@link #COLUMNS} and the length of the bytes held (0: none). */
    private static final String READ = COLUMNS + ", coalesce(length(held), 0)";
    private static final RowMapper<UploadRecord> RECORD = row -> new UploadRecord(row.getString(1),
            Columns.repository(row.getString(2)), Columns.instant(row.getLong(3)), Columns.instant(row.getLong(4)),
            row.getLong(5));

    static void insert(Connection c, UploadRecord upload) throws SQLException {
        Sql.update(c, "INSERT INTO uploads (" + COLUMNS + ") VALUES (?, ?, ?, ?)", upload.id(),
                upload.repository().value(), upload.startedAt().toEpochMilli(), upload.updatedAt().toEpochMilli());
    }

    static Optional<UploadRecord> find(Connection c, String id) throws SQLException {
        return Sql.first(c, "SELECT " + READ + " FROM uploads WHERE id = ?", RECORD, id);
    }

    static boolean hold(Connection c, String id, byte[] bytes, Instant at) throws SQLException {
        return Sql.update(c, "UPDATE uploads SET held = ?, updated_at = ? WHERE id = ? AND held IS NULL", bytes,
                at.toEpochMilli(), id) > 0;
    }

    static Optional<byte[]> held(Connection c, String id) throws SQLException {
        return Sql.first(c, "SELECT held FROM uploads WHERE id = ? AND held IS NOT NULL", row -> row.getBytes(1), id);
    }

    static void release(Connection c, String id) throws SQLException {
        Sql.update(c, "UPDATE uploads SET held = NULL WHERE id = ?", id);
    }

    static void touch(Connection c, String id, Instant at) throws SQLException {
        Sql.update(c, "UPDATE uploads SET updated_at = ? WHERE id = ?", at.toEpochMilli(), id);
    }

    static boolean delete(Connection c, String id) throws SQLException {
        return Sql.update(c, "DELETE FROM uploads WHERE id = ?", id) > 0;
    }

    static List<UploadRecord> inactiveSince(Connection c, Instant cutoff, int limit) throws SQLException {
        return Sql.list(c, "SELECT " + READ + " FROM uploads WHERE updated_at < ? ORDER BY updated_at, id LIMIT ?",
                RECORD, cutoff.toEpochMilli(), limit);
    }

    static long count(Connection c) throws SQLException {
        return Sql.first(c, "SELECT count(*) FROM uploads", row -> row.getLong(1)).orElse(0L);
    }

    private UploadsTable() {
    }
}
