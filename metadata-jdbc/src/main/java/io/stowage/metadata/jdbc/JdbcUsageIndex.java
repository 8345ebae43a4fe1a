package io.stowage.metadata.jdbc;

import io.stowage.metadata.NamespaceUsage;
import io.stowage.metadata.RepositoryUsage;
import io.stowage.metadata.UsageIndex;
import io.stowage.oci.RepositoryName;

import java.util.Objects;

/** {@link UsageIndex} through {@link UsageQueries}. */
final class JdbcUsageIndex implements UsageIndex {

    private final Transactions transactions;

    JdbcUsageIndex(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public RepositoryUsage repository(RepositoryName repository) {
        Objects.requireNonNull(repository, "repository");
        return transactions.read("compute repository usage", c -> UsageQueries.repository(c, repository));
    }

    @Override
    public NamespaceUsage namespace(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        if (!RepositoryName.isValid(namespace)) {
            throw new IllegalArgumentException("a namespace is a valid repository name (without trailing slash)");
        }
        return transactions.read("compute namespace usage", c -> UsageQueries.namespace(c, namespace));
    }
}
