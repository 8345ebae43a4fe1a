package io.stowage.metadata.jdbc;

import io.stowage.metadata.RepositoryIndex;
import io.stowage.oci.RepositoryName;

import java.util.List;

/** {@link RepositoryIndex} on the {@code repositories} table. */
final class JdbcRepositoryIndex implements RepositoryIndex {

    private final Transactions transactions;

    JdbcRepositoryIndex(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public boolean exists(RepositoryName repository) {
        return transactions.read("check repository", c -> RepositoriesTable.exists(c, repository));
    }

    @Override
    public List<RepositoryName> list(String last, int limit) {
        Limits.check(limit);
        return transactions.read("list repositories", c -> RepositoriesTable.list(c, last, limit));
    }
}
