package io.stowage.metadata.sqlite;

import java.util.List;

/** One forward step of the schema: the statements that take it from {@code version - 1} to {@code version}. */
record Migration(int version, List<String> statements) {
    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("schema versions start at 1");
        }
        statements = List.copyOf(statements);
    }
}
