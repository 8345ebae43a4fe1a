package io.stowage.metadata.jdbc;

import io.stowage.metadata.BlobRecord;
import io.stowage.oci.Digest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Queries on {@code blob_tombstones}: blobs whose rows garbage collection removed and whose bytes it is deleting. */
final class BlobTombstonesTable {

    static boolean exists(Connection c, Digest digest) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM blob_tombstones WHERE digest = ?", digest.toString());
    }

    static void insert(Connection c, BlobRecord blob, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO blob_tombstones (digest, size, condemned_at) VALUES (?, ?, ?)",
                blob.digest().toString(), blob.size(), now.toEpochMilli());
    }

    /** Oldest first; {@link BlobRecord#createdAt()} is when the blob was condemned. */
    static List<BlobRecord> list(Connection c, int limit) throws SQLException {
        return Sql.list(c, "SELECT digest, size, condemned_at FROM blob_tombstones ORDER BY condemned_at, digest LIMIT ?",
                BlobsTable.DIGEST_SIZE_TIME, limit);
    }

    static void delete(Connection c, Digest digest) throws SQLException {
        Sql.update(c, "DELETE FROM blob_tombstones WHERE digest = ?", digest.toString());
    }

    private BlobTombstonesTable() {
    }
}
