package io.stowage.metadata;

import io.stowage.oci.RepositoryName;

import java.util.List;

/** Repositories exist from their first blob link or manifest on. */
public interface RepositoryIndex {

    boolean exists(RepositoryName repository);

    /** Repository names in lexical order, strictly after {@code last} (null: from the start), at most {@code limit}. */
    List<RepositoryName> list(String last, int limit);
}
