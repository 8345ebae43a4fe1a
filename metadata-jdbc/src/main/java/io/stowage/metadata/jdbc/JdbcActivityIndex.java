package io.stowage.metadata.jdbc;

import io.stowage.metadata.ActivityIndex;
import io.stowage.metadata.ManifestTimes;
import io.stowage.metadata.Pull;
import io.stowage.metadata.TagRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ActivityIndex} on the {@code last_pulled_at} columns of {@code manifests} and {@code tags}; push times are
 * their {@code created_at} and {@code updated_at}.
 *
 * <p>A batch of pulls updates rows in one fixed order (manifests by repository and digest, then tags by repository
 * and name), so that batches from two nodes queue rather than deadlock on each other; a collision with a manifest put
 * or delete is a deadlock at worst, which the engine retries. Each update keeps the later of the stored and the new
 * time, so batches may arrive in any order.
 */
final class JdbcActivityIndex implements ActivityIndex {

    private static final Comparator<Pull> BY_MANIFEST = Comparator.comparing((Pull p) -> p.repository().value())
            .thenComparing(p -> p.manifest().toString());
    private static final Comparator<Pull> BY_TAG = Comparator.comparing((Pull p) -> p.repository().value())
            .thenComparing(p -> p.tag().value());

    private final Transactions transactions;
    private final SqlDialect dialect;

    JdbcActivityIndex(Transactions transactions, SqlDialect dialect) {
        this.transactions = transactions;
        this.dialect = dialect;
    }

    @Override
    public void recordPulls(Collection<Pull> pulls) {
        Objects.requireNonNull(pulls, "pulls");
        if (pulls.isEmpty()) {
            return;
        }
        List<Pull> byManifest = pulls.stream().map(p -> Objects.requireNonNull(p, "pull")).sorted(BY_MANIFEST)
                .toList();
        List<Pull> byTag = pulls.stream().filter(p -> p.tag() != null).sorted(BY_TAG).toList();
        transactions.write("record pulls", c -> {
            for (Pull pull : byManifest) {
                ManifestsTable.recordPull(c, pull.repository(), pull.manifest(), pull.at());
            }
            for (Pull pull : byTag) {
                TagsTable.recordPull(c, pull.repository(), pull.tag(), pull.at());
            }
            return null;
        });
    }

    @Override
    public List<TagRecord> tags(RepositoryName repository, String last, int limit) {
        Objects.requireNonNull(repository, "repository");
        Limits.check(limit);
        return transactions.read("list tags with times",
                c -> TagsTable.records(c, dialect, repository, last, limit));
    }

    @Override
    public Optional<ManifestTimes> manifest(RepositoryName repository, Digest digest) {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        return transactions.read("find manifest times", c -> ManifestsTable.times(c, repository, digest));
    }
}
