package io.stowage.metadata.jdbc;

import io.stowage.metadata.BlobRecord;
import io.stowage.metadata.ScrubIndex;
import io.stowage.oci.Digest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** {@link ScrubIndex} on the {@code verified_at} and {@code corrupt_since} columns of {@code blobs}. */
final class JdbcScrubIndex implements ScrubIndex {

    private final Transactions transactions;

    JdbcScrubIndex(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<BlobRecord> leastRecentlyVerified(int limit) {
        Limits.check(limit);
        return transactions.read("list blobs to verify", c -> Sql.list(c,
                "SELECT b.digest, b.size, b.created_at, " + BlobsTable.INLINE
                        + " FROM blobs b ORDER BY b.verified_at, b.digest LIMIT ?",
                BlobsTable.DIGEST_SIZE_TIME_INLINE,
                limit));
    }

    @Override
    public void verified(Digest digest, Instant at) {
        Objects.requireNonNull(digest, "digest");
        transactions.write("record blob verified", c -> Sql.update(c,
                "UPDATE blobs SET verified_at = ?, corrupt_since = NULL WHERE digest = ?",
                at.toEpochMilli(), digest.toString()));
    }

    @Override
    public void corrupt(Digest digest, Instant at) {
        Objects.requireNonNull(digest, "digest");
        transactions.write("mark blob corrupt", c -> Sql.update(c,
                "UPDATE blobs SET verified_at = ?, corrupt_since = ? WHERE digest = ? AND corrupt_since IS NULL",
                at.toEpochMilli(), at.toEpochMilli(), digest.toString()));
    }

    @Override
    public boolean isCorrupt(Digest digest) {
        return transactions.read("check blob corrupt", c -> BlobsTable.isCorrupt(c, digest));
    }

    @Override
    public List<BlobRecord> corruptBlobs(int limit) {
        Limits.check(limit);
        return transactions.read("list corrupt blobs", c -> Sql.list(c,
                "SELECT digest, size, corrupt_since FROM blobs WHERE corrupt_since IS NOT NULL ORDER BY digest LIMIT ?",
                BlobsTable.DIGEST_SIZE_TIME,
                limit));
    }

    @Override
    public long countCorrupt() {
        return transactions.read("count corrupt blobs", c -> Sql.first(c,
                "SELECT count(*) FROM blobs WHERE corrupt_since IS NOT NULL", row -> row.getLong(1)).orElse(0L));
    }
}
