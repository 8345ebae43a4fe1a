package io.stowage.metadata.jdbc;

import io.stowage.metadata.BlobRecord;
import io.stowage.oci.Digest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Queries on {@code blobs}: each stored blob once, whatever the repositories. */
final class BlobsTable {

    /** Records the blob; a blob already recorded keeps its first size and creation time. */
    static void insert(Connection c, Digest digest, long size, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO blobs (digest, size, created_at) VALUES (?, ?, ?) ON CONFLICT (digest) DO NOTHING",
                digest.toString(), size, now.toEpochMilli());
    }

    static Optional<BlobRecord> find(Connection c, Digest digest) throws SQLException {
        return Sql.first(c, "SELECT size, created_at FROM blobs WHERE digest = ?",
                row -> new BlobRecord(digest, row.getLong(1), Columns.instant(row.getLong(2))),
                digest.toString());
    }

    private BlobsTable() {
    }
}
