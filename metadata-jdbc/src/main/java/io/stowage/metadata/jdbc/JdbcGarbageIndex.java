package io.stowage.metadata.jdbc;

import io.stowage.metadata.BlobRecord;
import io.stowage.metadata.GarbageIndex;
import io.stowage.oci.Digest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * {@link GarbageIndex} on {@code blobs}, {@code repository_blobs}, {@code manifest_blob_refs} and
 * {@code blob_tombstones}.
 *
 * <p>Races with concurrent writers (on other nodes, on PostgreSQL at read committed) are settled by row locks taken
 * before the final check, which then runs as a fresh statement that sees everything committed meanwhile:
 * <ul>
 *   <li>pruning locks the links it found; a manifest put holds its links with a shared lock while it checks them,
 *       so either the put waits and then finds the link gone (and reports the blob unknown), or the pruning waits
 *       and then sees the put's references and keeps the link;</li>
 *   <li>condemning locks the blob rows; a claim or link writes the row first, so either it waits and then sees the
 *       tombstone (and refuses), or the condemning waits and then sees the fresh {@code touched_at} or the new link
 *       and keeps the blob.</li>
 * </ul>
 * On SQLite there is one writer at a time, so the same statements are simply serialized.
 */
final class JdbcGarbageIndex implements GarbageIndex {

    private static final String UNREFERENCED_IN_ITS_REPOSITORY = """
            NOT EXISTS (SELECT 1 FROM manifest_blob_refs r
                        WHERE r.repository_id = repository_blobs.repository_id
                          AND r.blob_digest = repository_blobs.digest)""";

    private final Transactions transactions;
    private final SqlDialect dialect;
    private final Clock clock;

    JdbcGarbageIndex(Transactions transactions, SqlDialect dialect, Clock clock) {
        this.transactions = transactions;
        this.dialect = dialect;
        this.clock = clock;
    }

    private record Link(long repositoryId, String digest) {
    }

    @Override
    public int pruneLinks(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        Limits.check(limit);
        return transactions.write("prune blob links", c -> {
            List<Link> found = Sql.list(c, "SELECT repository_id, digest FROM repository_blobs WHERE linked_at < ? AND "
                            + UNREFERENCED_IN_ITS_REPOSITORY + " ORDER BY repository_id, digest LIMIT ?"
                            + dialect.lockExclusive(),
                    row -> new Link(row.getLong(1), row.getString(2)), cutoff.toEpochMilli(), limit);
            int pruned = 0;
            for (Link link : found) {
                pruned += Sql.update(c, "DELETE FROM repository_blobs WHERE repository_id = ? AND digest = ?"
                        + " AND linked_at < ? AND " + UNREFERENCED_IN_ITS_REPOSITORY,
                        link.repositoryId(), link.digest(), cutoff.toEpochMilli());
            }
            return pruned;
        });
    }

    @Override
    public long countPrunableLinks(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return transactions.read("count prunable blob links", c -> Sql.first(c,
                "SELECT count(*) FROM repository_blobs WHERE linked_at < ? AND " + UNREFERENCED_IN_ITS_REPOSITORY,
                row -> row.getLong(1), cutoff.toEpochMilli()).orElse(0L));
    }

    @Override
    public List<BlobRecord> collectable(Instant cutoff, Digest after, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        Limits.check(limit);
        return transactions.read("list collectable blobs", c -> Sql.list(c, """
                        SELECT digest, size, created_at FROM blobs
                        WHERE touched_at < ? AND digest > ?
                          AND NOT EXISTS (SELECT 1 FROM manifest_blob_refs r WHERE r.blob_digest = blobs.digest)
                        ORDER BY digest LIMIT ?""",
                BlobsTable.DIGEST_SIZE_TIME,
                cutoff.toEpochMilli(), after == null ? "" : after.toString(), limit));
    }

    @Override
    public List<BlobRecord> condemn(Collection<Digest> candidates, Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (candidates.isEmpty()) {
            return List.of();
        }
        return transactions.write("condemn blobs", c -> {
            Instant now = clock.instant();
            List<BlobRecord> condemned = new ArrayList<>();
            for (Digest digest : candidates) {
                if (lockIfUntouched(c, digest, cutoff)) {
                    List<BlobRecord> deleted = Sql.list(c, """
                                    DELETE FROM blobs
                                    WHERE digest = ? AND touched_at < ?
                                      AND NOT EXISTS (SELECT 1 FROM repository_blobs rb WHERE rb.digest = blobs.digest)
                                      AND NOT EXISTS (SELECT 1 FROM manifest_blob_refs r WHERE r.blob_digest = blobs.digest)
                                    RETURNING size, created_at""",
                            row -> new BlobRecord(digest, row.getLong(1), Columns.instant(row.getLong(2))),
                            digest.toString(), cutoff.toEpochMilli());
                    for (BlobRecord blob : deleted) {
                        BlobTombstonesTable.insert(c, blob, now);
                        condemned.add(blob);
                    }
                }
            }
            return condemned;
        });
    }

    private boolean lockIfUntouched(Connection c, Digest digest, Instant cutoff) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM blobs WHERE digest = ? AND touched_at < ?" + dialect.lockExclusive(),
                digest.toString(), cutoff.toEpochMilli());
    }

    @Override
    public List<BlobRecord> tombstones(int limit) {
        Limits.check(limit);
        return transactions.read("list tombstones", c -> BlobTombstonesTable.list(c, limit));
    }

    @Override
    public void bury(Collection<Digest> digests) {
        if (digests.isEmpty()) {
            return;
        }
        List<Digest> sorted = new ArrayList<>(digests);
        Collections.sort(sorted, (a, b) -> a.toString().compareTo(b.toString()));
        transactions.write("bury tombstones", c -> {
            for (Digest digest : sorted) {
                BlobTombstonesTable.delete(c, digest);
            }
            return null;
        });
    }
}
