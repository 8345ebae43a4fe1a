package io.stowage.metadata.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on one connection, inside a transaction for writes. A write's work may run more than once (an engine
 * retries it after a serialization failure), so it must have no effect outside the database.
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
