package io.stowage.metadata.sqlite;

import io.stowage.metadata.jdbc.SqlDialect;

/**
 * SQLite's SQL. Its rendering of the shared migrations must stay byte for byte the DDL that existing databases were
 * created with (a test holds it), so these fragments are exactly the words that DDL used.
 */
final class SqliteDialect implements SqlDialect {

    @Override
    public String generatedKey() {
        return "INTEGER PRIMARY KEY AUTOINCREMENT";
    }

    /** SQLite's INTEGER holds 64 bits. */
    @Override
    public String integer() {
        return "INTEGER";
    }

    /** SQLite's default collation, BINARY, already compares by code point. */
    @Override
    public String text() {
        return "TEXT";
    }

    @Override
    public String bytes() {
        return "BLOB";
    }

    /** NOCASE folds ASCII letters only, which is what tags contain. */
    @Override
    public String caseFolded(String expression) {
        return expression + " COLLATE NOCASE";
    }

    /** Nothing to lock: {@code BEGIN IMMEDIATE} gives a write transaction the whole database. */
    @Override
    public String lockShared() {
        return "";
    }

    @Override
    public String lockExclusive() {
        return "";
    }
}
