package io.stowage.metadata.jdbc;

import io.stowage.metadata.BlobIndex;
import io.stowage.metadata.BlobRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link BlobIndex} on {@code blobs} and {@code repository_blobs}. */
final class JdbcBlobIndex implements BlobIndex {

    private final Transactions transactions;
    private final Clock clock;

    JdbcBlobIndex(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void link(RepositoryName repository, Digest digest, long size) {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("negative blob size");
        }
        transactions.write("link blob", c -> {
            Instant now = clock.instant();
            long repositoryId = RepositoriesTable.ensure(c, repository, now);
            BlobsTable.insert(c, digest, size, now);
            RepositoryBlobsTable.link(c, repositoryId, digest, now);
            return null;
        });
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
