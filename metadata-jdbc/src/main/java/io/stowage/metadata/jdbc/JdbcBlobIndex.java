package io.stowage.metadata.jdbc;

import io.stowage.metadata.BlobIndex;
import io.stowage.metadata.BlobRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link BlobIndex} on {@code blobs} and {@code repository_blobs}. A push's link and a mount enforce the quotas of the
 * namespaces covering the repository: what the namespaces store is read first, in a read transaction
 * ({@link UsageQueries#readQuotas}), and the link's write transaction compares it, with the blob's size, to the
 * quotas as they are then ({@link UsageQueries#enforceQuotas}). Without a quota on a covering namespace this costs two
 * lookups by primary key; with one, a blob new to the namespace costs a reading of what it stores, linear in its
 * links (some 0.2 to 0.5 s per 100,000 links on SQLite), which is why it stays out of the write transaction: on SQLite
 * that would hold every other writer. Nothing is locked for quotas, so links into one namespace running at the same
 * moment do not count each other: each may take the namespace past its quota by at most its own blob.
 */
final class JdbcBlobIndex implements BlobIndex {

    private final Transactions transactions;
    private final SqlDialect dialect;
    private final Clock clock;

    JdbcBlobIndex(Transactions transactions, SqlDialect dialect, Clock clock) {
        this.transactions = transactions;
        this.dialect = dialect;
        this.clock = clock;
    }

    @Override
    public OptionalLong claim(Digest digest, long size) {
        Objects.requireNonNull(digest, "digest");
        requireSize(size);
        try {
            return OptionalLong.of(transactions.writeUnsynced("claim blob", c -> {
                long generation = BlobsTable.upsert(c, digest, size, clock.instant());
                requireNotCondemned(c, digest);
                if (BlobsTable.isCorrupt(c, digest)) {
                    // This push's bytes go to the object store and must be what is served, not corrupt inline ones.
                    BlobsTable.dropContent(c, digest);
                }
                return generation;
            }));
        } catch (Condemned e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public OptionalLong claimInline(Digest digest, byte[] content) {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(content, "content");
        try {
            return OptionalLong.of(transactions.writeUnsynced("claim inline blob", c -> {
                long generation = BlobsTable.upsert(c, digest, content.length, clock.instant());
                requireNotCondemned(c, digest);
                BlobsTable.keepContent(c, digest, content, BlobsTable.isCorrupt(c, digest));
                return generation;
            }));
        } catch (Condemned e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public Optional<byte[]> content(Digest digest) {
        Objects.requireNonNull(digest, "digest");
        return transactions.read("read inline blob", c -> BlobsTable.content(c, digest));
    }

    @Override
    public boolean linkClaimed(RepositoryName repository, Digest digest, long generation) {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        UsageQueries.QuotaReading quotas = transactions.read("read quotas",
                c -> UsageQueries.readQuotas(c, repository, digest));
        return transactions.write("link claimed blob", c -> {
            Instant now = clock.instant();
            if (!BlobsTable.touch(c, digest, generation, now)) {
                return false;
            }
            // Throws, rolling the touch back too: the claim stays as it was and runs out with its grace period.
            UsageQueries.enforceQuotas(c, repository, digest, quotas);
            long repositoryId = RepositoriesTable.ensure(c, repository, now);
            RepositoryBlobsTable.link(c, repositoryId, digest, now);
            return true;
        });
    }

    @Override
    public boolean link(RepositoryName repository, Digest digest, long size) {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        requireSize(size);
        try {
            return transactions.write("link blob", c -> {
                Instant now = clock.instant();
                BlobsTable.upsert(c, digest, size, now);
                requireNotCondemned(c, digest);
                long repositoryId = RepositoriesTable.ensure(c, repository, now);
                RepositoryBlobsTable.link(c, repositoryId, digest, now);
                return true;
            });
        } catch (Condemned e) {
            return false;
        }
    }

    /**
     * The source's link is locked while the target's is written, so a collection cannot remove it (and then the
     * blob) in between; the blob's row is touched, restarting its grace period.
     */
    @Override
    public boolean mount(RepositoryName target, RepositoryName source, Digest digest) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(digest, "digest");
        UsageQueries.QuotaReading quotas = transactions.read("read quotas",
                c -> UsageQueries.readQuotas(c, target, digest));
        return transactions.write("mount blob", c -> {
            Optional<Long> sourceId = RepositoriesTable.idOf(c, source);
            if (sourceId.isEmpty() || !RepositoryBlobsTable.lockIfLinked(c, dialect, sourceId.get(), digest)) {
                return false;
            }
            Instant now = clock.instant();
            OptionalLong generation = BlobsTable.generation(c, digest);
            if (generation.isEmpty() || BlobsTable.isCorrupt(c, digest)
                    || !BlobsTable.touch(c, digest, generation.getAsLong(), now)) {
                return false;
            }
            UsageQueries.enforceQuotas(c, target, digest, quotas);
            long targetId = RepositoriesTable.ensure(c, target, now);
            RepositoryBlobsTable.link(c, targetId, digest, now);
            return true;
        });
    }

    private static void requireNotCondemned(Connection c, Digest digest) throws SQLException {
        // Checked after the row was written: only then is a tombstone that a concurrent collection committed visible.
        if (BlobTombstonesTable.exists(c, digest)) {
            throw new Condemned();
        }
    }

    private static void requireSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative blob size");
        }
    }

    /** Rolls back a claim or link of a blob that garbage collection is deleting. */
    private static final class Condemned extends RuntimeException {
        Condemned() {
            super("blob is being garbage collected", null, false, false);
        }
    }

    @Override
    public Optional<BlobRecord> findLinked(RepositoryName repository, Digest digest) {
        return transactions.read("find linked blob", c -> RepositoryBlobsTable.findLinked(c, repository, digest));
    }

    @Override
    public Optional<BlobRecord> find(Digest digest) {
        return transactions.read("find blob", c -> BlobsTable.find(c, digest));
    }

    @Override
    public List<RepositoryName> repositoriesWith(Digest digest, int limit) {
        Limits.check(limit);
        return transactions.read("list repositories with blob",
                c -> RepositoryBlobsTable.repositoriesWith(c, digest, limit));
    }

    @Override
    public boolean unlink(RepositoryName repository, Digest digest) {
        return transactions.write("unlink blob", c -> RepositoryBlobsTable.unlink(c, repository, digest));
    }
}
