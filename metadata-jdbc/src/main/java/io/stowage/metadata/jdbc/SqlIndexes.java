package io.stowage.metadata.jdbc;

import io.stowage.metadata.BlobIndex;
import io.stowage.metadata.GarbageIndex;
import io.stowage.metadata.LeaseIndex;
import io.stowage.metadata.ManifestIndex;
import io.stowage.metadata.RepositoryIndex;
import io.stowage.metadata.ScrubIndex;
import io.stowage.metadata.UploadIndex;

import java.time.Clock;
import java.util.Objects;

/**
 * The four indexes of a {@link io.stowage.metadata.MetadataStore}, on the shared SQL. An engine's store builds them
 * over its own {@link Transactions} and dialect and hands them out.
 */
public record SqlIndexes(RepositoryIndex repositories, BlobIndex blobs, ManifestIndex manifests,
                         UploadIndex uploads, LeaseIndex leases, GarbageIndex garbage, ScrubIndex scrub) {

    public SqlIndexes {
        Objects.requireNonNull(repositories, "repositories");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(manifests, "manifests");
        Objects.requireNonNull(uploads, "uploads");
        Objects.requireNonNull(leases, "leases");
        Objects.requireNonNull(garbage, "garbage");
        Objects.requireNonNull(scrub, "scrub");
    }

    /** Indexes that run on {@code transactions}, with SQL for {@code dialect}, stamping rows from {@code clock}. */
    public static SqlIndexes on(Transactions transactions, SqlDialect dialect, Clock clock) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(clock, "clock");
        return new SqlIndexes(new JdbcRepositoryIndex(transactions), new JdbcBlobIndex(transactions, dialect, clock),
                new JdbcManifestIndex(transactions, dialect, clock), new JdbcUploadIndex(transactions),
                new JdbcLeaseIndex(transactions), new JdbcGarbageIndex(transactions, dialect, clock),
                new JdbcScrubIndex(transactions));
    }
}
