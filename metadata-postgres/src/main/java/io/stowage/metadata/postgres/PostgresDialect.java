package io.stowage.metadata.postgres;

import io.stowage.metadata.jdbc.SqlDialect;

/**
 * PostgreSQL's SQL. Every text column collates as {@code "C"} (bytewise; names, tags and digests are ASCII, so that
 * is {@link String#compareTo} order), whatever collation the database was created with: a database initialised
 * with, say, {@code en_US} must list repositories, tags and referrers exactly as one initialised with {@code C}.
 */
final class PostgresDialect implements SqlDialect {

    @Override
    public String generatedKey() {
        return "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
    }

    /** PostgreSQL's INTEGER has only 32 bits. */
    @Override
    public String integer() {
        return "BIGINT";
    }

    @Override
    public String text() {
        return "TEXT COLLATE \"C\"";
    }

    @Override
    public String bytes() {
        return "BYTEA";
    }

    /**
     * Under the {@code "C"} collation {@code lower} folds ASCII letters only, like SQLite's NOCASE. Written the same
     * in the index and in the query, so the planner can walk the index in listing order.
     */
    @Override
    public String caseFolded(String expression) {
        return "lower(" + expression + ") COLLATE \"C\"";
    }

    /** Blocks deletes of the row (and waits for one in progress) until this transaction ends. */
    @Override
    public String lockShared() {
        return " FOR SHARE";
    }

    @Override
    public String lockExclusive() {
        return " FOR UPDATE";
    }
}
