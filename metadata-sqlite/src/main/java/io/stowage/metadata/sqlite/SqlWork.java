package io.stowage.metadata.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection, inside a transaction for writes. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
