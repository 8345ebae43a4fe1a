package io.stowage.metadata.jdbc;

import io.stowage.metadata.ActivityIndex;
import io.stowage.metadata.AuditIndex;
import io.stowage.metadata.BlobIndex;
import io.stowage.metadata.GarbageIndex;
import io.stowage.metadata.LeaseIndex;
import io.stowage.metadata.ManifestIndex;
import io.stowage.metadata.NamespaceIndex;
import io.stowage.metadata.PolicyIndex;
import io.stowage.metadata.RepositoryIndex;
import io.stowage.metadata.RetentionIndex;
import io.stowage.metadata.RobotIndex;
import io.stowage.metadata.ScrubIndex;
import io.stowage.metadata.SigningKeyIndex;
import io.stowage.metadata.UploadIndex;
import io.stowage.metadata.UsageIndex;
import io.stowage.metadata.UserIndex;

import java.time.Clock;
import java.util.Objects;

/**
 * The indexes of a {@link io.stowage.metadata.MetadataStore}, on the shared SQL. An engine's store builds them
 * over its own {@link Transactions} and dialect and hands them out.
 */
public record SqlIndexes(RepositoryIndex repositories, BlobIndex blobs, ManifestIndex manifests,
                         UploadIndex uploads, LeaseIndex leases, GarbageIndex garbage, ScrubIndex scrub,
                         UserIndex users, RobotIndex robots, NamespaceIndex namespaces, AuditIndex audit,
                         SigningKeyIndex signingKeys, ActivityIndex activity, PolicyIndex policies,
                         UsageIndex usage, RetentionIndex retention) {

    public SqlIndexes {
        Objects.requireNonNull(repositories, "repositories");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(manifests, "manifests");
        Objects.requireNonNull(uploads, "uploads");
        Objects.requireNonNull(leases, "leases");
        Objects.requireNonNull(garbage, "garbage");
        Objects.requireNonNull(scrub, "scrub");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(robots, "robots");
        Objects.requireNonNull(namespaces, "namespaces");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(signingKeys, "signingKeys");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(retention, "retention");
    }

    /** Indexes that run on {@code transactions}, with SQL for {@code dialect}, stamping rows from {@code clock}. */
    public static SqlIndexes on(Transactions transactions, SqlDialect dialect, Clock clock) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(clock, "clock");
        return new SqlIndexes(new JdbcRepositoryIndex(transactions), new JdbcBlobIndex(transactions, dialect, clock),
                new JdbcManifestIndex(transactions, dialect, clock), new JdbcUploadIndex(transactions),
                new JdbcLeaseIndex(transactions), new JdbcGarbageIndex(transactions, dialect, clock),
                new JdbcScrubIndex(transactions), new JdbcUserIndex(transactions, dialect),
                new JdbcRobotIndex(transactions, dialect), new JdbcNamespaceIndex(transactions, dialect),
                new JdbcAuditIndex(transactions), new JdbcSigningKeyIndex(transactions),
                new JdbcActivityIndex(transactions, dialect), new JdbcPolicyIndex(transactions, dialect),
                new JdbcUsageIndex(transactions), new JdbcRetentionIndex(transactions, dialect));
    }
}
