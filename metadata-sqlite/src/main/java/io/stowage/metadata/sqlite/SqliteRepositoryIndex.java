package io.stowage.metadata.sqlite;

import io.stowage.metadata.RepositoryIndex;
import io.stowage.oci.RepositoryName;

import java.util.List;

/** {@link RepositoryIndex} on the {@code repositories} table. */
final class SqliteRepositoryIndex implements RepositoryIndex {

    private final Database database;

    SqliteRepositoryIndex(Database database) {
        this.database = database;
    }

    @Override
    public boolean exists(RepositoryName repository) {
        return database.read("check repository", c -> RepositoriesTable.exists(c, repository));
    }

    @Override
    public List<RepositoryName> list(String last, int limit) {
        Limits.check(limit);
        return database.read("list repositories", c -> RepositoriesTable.list(c, last, limit));
    }
}
