package io.stowage.metadata.jdbc;

import io.stowage.metadata.Namespaces;
import io.stowage.metadata.RetentionIndex;
import io.stowage.metadata.RetentionPolicy;
import io.stowage.metadata.UntaggedManifest;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@link RetentionIndex} on {@code retention_policies}, and the untagged-manifest listing on {@code manifests}. As
 * with immutability rules ({@link JdbcPolicyIndex}), adding a policy holds a shared lock on its namespace's row until
 * it commits, so it cannot outlive a namespace deleted at the same moment.
 */
final class JdbcRetentionIndex implements RetentionIndex {

    private final Transactions transactions;
    private final SqlDialect dialect;

    JdbcRetentionIndex(Transactions transactions, SqlDialect dialect) {
        this.transactions = transactions;
        this.dialect = dialect;
    }

    @Override
    public OptionalLong addPolicy(RetentionPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (policy.id() != 0) {
            throw new IllegalArgumentException("the store assigns a policy's id: add it with id 0");
        }
        return transactions.write("add retention policy", c -> NamespacesTable.lockIfPresent(c, dialect,
                policy.namespace()) ? OptionalLong.of(RetentionPoliciesTable.insert(c, policy)) : OptionalLong.empty());
    }

    @Override
    public boolean updatePolicy(RetentionPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return transactions.write("update retention policy", c -> RetentionPoliciesTable.update(c, policy));
    }

    @Override
    public boolean removePolicy(long id) {
        return transactions.write("remove retention policy", c -> RetentionPoliciesTable.delete(c, id));
    }

    @Override
    public List<RetentionPolicy> policies(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return transactions.read("list retention policies", c -> RetentionPoliciesTable.in(c, namespace));
    }

    @Override
    public List<RetentionPolicy> policiesCovering(RepositoryName repository) {
        List<String> covering = Namespaces.covering(repository);
        return transactions.read("list retention policies covering a repository",
                c -> RetentionPoliciesTable.inAny(c, covering));
    }

    @Override
    public List<RetentionPolicy> allPolicies(long afterId, int limit) {
        Limits.check(limit);
        return transactions.read("list all retention policies",
                c -> RetentionPoliciesTable.after(c, afterId, limit));
    }

    @Override
    public List<UntaggedManifest> untaggedManifests(RepositoryName repository, Digest after, int limit) {
        Objects.requireNonNull(repository, "repository");
        Limits.check(limit);
        return transactions.read("list untagged manifests",
                c -> ManifestsTable.untagged(c, repository, after, limit));
    }
}
