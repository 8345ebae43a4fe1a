package io.stowage.metadata.jdbc;

import io.stowage.metadata.BlobRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Queries on {@code repository_blobs}: which repository may serve which blob. */
final class RepositoryBlobsTable {

    /** Links the blob, or refreshes the link's time: a blob pushed again starts its grace period again. */
    static void link(Connection c, long repositoryId, Digest digest, Instant now) throws SQLException {
        Sql.update(c, """
                INSERT INTO repository_blobs (repository_id, digest, linked_at) VALUES (?, ?, ?)
                ON CONFLICT (repository_id, digest) DO UPDATE SET linked_at = excluded.linked_at""",
                repositoryId, digest.toString(), now.toEpochMilli());
    }

    /**
     * Whether the blob is linked; if so the link cannot be removed until this transaction ends, so a manifest
     * checked against it is committed while it still holds.
     */
    static boolean lockIfLinked(Connection c, SqlDialect dialect, long repositoryId, Digest digest)
            throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM repository_blobs WHERE repository_id = ? AND digest = ?"
                + dialect.lockShared(), repositoryId, digest.toString());
    }

    /** The blob if the repository has it and its bytes are not known to be corrupt (those are never served). */
    static Optional<BlobRecord> findLinked(Connection c, RepositoryName repository, Digest digest)
            throws SQLException {
        return Sql.first(c, """
                        SELECT b.digest, b.size, b.created_at, %s
                        FROM repository_blobs rb
                        JOIN repositories r ON r.id = rb.repository_id
                        JOIN blobs b ON b.digest = rb.digest
                        WHERE r.name = ? AND rb.digest = ? AND b.corrupt_since IS NULL""".formatted(BlobsTable.INLINE),
                BlobsTable.DIGEST_SIZE_TIME_INLINE, repository.value(), digest.toString());
    }

    static List<RepositoryName> repositoriesWith(Connection c, Digest digest, int limit) throws SQLException {
        return Sql.list(c, """
                        SELECT r.name
                        FROM repository_blobs rb
                        JOIN repositories r ON r.id = rb.repository_id
                        WHERE rb.digest = ?
                        ORDER BY r.name
                        LIMIT ?""",
                row -> Columns.repository(row.getString(1)), digest.toString(), limit);
    }

    static boolean unlink(Connection c, RepositoryName repository, Digest digest) throws SQLException {
        return Sql.update(c, """
                DELETE FROM repository_blobs
                WHERE repository_id = (SELECT id FROM repositories WHERE name = ?) AND digest = ?""",
                repository.value(), digest.toString()) > 0;
    }

    private RepositoryBlobsTable() {
    }
}
