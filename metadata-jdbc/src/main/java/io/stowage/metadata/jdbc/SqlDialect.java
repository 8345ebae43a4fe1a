package io.stowage.metadata.jdbc;

/**
 * The few places where SQLite and PostgreSQL need different SQL text. Everything else (queries, upserts, the
 * migration list) is written once in portable SQL; the fragments here are spliced into it by {@link SqlTemplate}.
 * How transactions begin, and which failures are worth a retry, belong to each engine's {@link Transactions}.
 */
public interface SqlDialect {

    /** Column definition of a surrogate key the database assigns on insert, including its PRIMARY KEY clause. */
    String generatedKey();

    /** A 64-bit integer column type (epoch milliseconds, sizes, keys referencing {@link #generatedKey()}). */
    String integer();

    /**
     * A text column type. Names, tags and digests are ASCII and must compare by code point ({@link String#compareTo}),
     * whatever collation the database would choose by default.
     */
    String text();

    /** A column type for exact bytes. */
    String bytes();

    /**
     * {@code expression} folded for the tags' case-insensitive order, in ASCII only (tags are ASCII). Applied to a
     * column and to a bound parameter alike, and indexed, so the folding must be the same everywhere.
     */
    String caseFolded(String expression);

    /**
     * Appended to a {@code SELECT} of rows that must not be deleted or changed by another transaction until this one
     * ends; empty where a write transaction already excludes every other writer.
     */
    String lockShared();

    /** Appended to a {@code SELECT} of rows this transaction is about to delete, so conflicting writers queue up. */
    String lockExclusive();
}
