package io.stowage.metadata.jdbc;

import java.sql.SQLException;

/**
 * Another writer changed a row between two statements of this transaction in a way the transaction cannot absorb.
 * It carries SQLSTATE 40001 (serialization failure), so an engine that retries those retries this too; with a single
 * writer (SQLite) it cannot happen.
 */
final class ConcurrentChangeException extends SQLException {

    static final String SERIALIZATION_FAILURE = "40001";

    ConcurrentChangeException(String reason) {
        super(reason, SERIALIZATION_FAILURE);
    }
}
