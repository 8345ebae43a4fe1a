package io.stowage.metadata.jdbc;

import io.stowage.metadata.BlobRecord;
import io.stowage.oci.Digest;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Queries on {@code blobs}: each stored blob once, whatever the repositories, with when it was last claimed or
 * linked ({@code touched_at}, where garbage collection's grace period starts) and the generation of its row.
 */
final class BlobsTable {

    private static final SecureRandom GENERATIONS = new SecureRandom();

    /** A row of (digest, size, epoch millis) as a record: the time is creation, condemnation or a finding. */
    static final RowMapper<BlobRecord> DIGEST_SIZE_TIME = row -> new BlobRecord(Columns.digest(row.getString(1)),
            row.getLong(2), Columns.instant(row.getLong(3)));

    /**
     * Records the blob or refreshes its {@code touched_at}; a blob already recorded keeps its first size, creation
     * time and generation. Returns the row's generation. Call {@link BlobTombstonesTable#exists} afterwards, in the
     * same transaction: only then is a tombstone committed by a concurrent collection visible (see
     * {@link JdbcGarbageIndex}).
     */
    static long upsert(Connection c, Digest digest, long size, Instant now) throws SQLException {
        long generation = 1 + (GENERATIONS.nextLong() >>> 1);
        Sql.update(c, """
                INSERT INTO blobs (digest, size, created_at, touched_at, generation) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (digest) DO UPDATE SET touched_at = excluded.touched_at""",
                digest.toString(), size, now.toEpochMilli(), now.toEpochMilli(), generation);
        return generation(c, digest).orElseThrow(() -> new IllegalStateException("blob row vanished: " + digest));
    }

    /** Refreshes {@code touched_at} of a recorded blob of that generation; false when there is no such row. */
    static boolean touch(Connection c, Digest digest, long generation, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE blobs SET touched_at = ? WHERE digest = ? AND generation = ?",
                now.toEpochMilli(), digest.toString(), generation) > 0;
    }

    static OptionalLong generation(Connection c, Digest digest) throws SQLException {
        return Sql.first(c, "SELECT generation FROM blobs WHERE digest = ?", row -> row.getLong(1), digest.toString())
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    static boolean isCorrupt(Connection c, Digest digest) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM blobs WHERE digest = ? AND corrupt_since IS NOT NULL", digest.toString());
    }

    /** A row of (digest, size, epoch millis, whether blob_contents has it) as a record. */
    static final RowMapper<BlobRecord> DIGEST_SIZE_TIME_INLINE = row -> new BlobRecord(
            Columns.digest(row.getString(1)), row.getLong(2), Columns.instant(row.getLong(3)), row.getBoolean(4));

    /** An expression for the fourth column of {@link #DIGEST_SIZE_TIME_INLINE}, over {@code blobs} as {@code b}. */
    static final String INLINE = "EXISTS (SELECT 1 FROM blob_contents bc WHERE bc.digest = b.digest)";

    static Optional<BlobRecord> find(Connection c, Digest digest) throws SQLException {
        return Sql.first(c, "SELECT b.digest, b.size, b.created_at, " + INLINE + " FROM blobs b WHERE b.digest = ?",
                DIGEST_SIZE_TIME_INLINE, digest.toString());
    }

    /**
     * Keeps {@code content} as the blob's bytes: added when it has none inline, replacing them when {@code replace}
     * (they were found corrupt). The blob's row must exist.
     */
    static void keepContent(Connection c, Digest digest, byte[] content, boolean replace) throws SQLException {
        Sql.update(c, "INSERT INTO blob_contents (digest, content) VALUES (?, ?) ON CONFLICT (digest) "
                + (replace ? "DO UPDATE SET content = excluded.content" : "DO NOTHING"), digest.toString(), content);
    }

    static void dropContent(Connection c, Digest digest) throws SQLException {
        Sql.update(c, "DELETE FROM blob_contents WHERE digest = ?", digest.toString());
    }

    static Optional<byte[]> content(Connection c, Digest digest) throws SQLException {
        return Sql.first(c, "SELECT content FROM blob_contents WHERE digest = ?", row -> row.getBytes(1),
                digest.toString());
    }

    private BlobsTable() {
    }
}
