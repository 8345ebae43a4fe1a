package io.stowage.metadata.jdbc;

import io.stowage.metadata.MetadataException;

import java.sql.SQLException;

/**
 * How one engine runs work on its connections. The shared indexes only say what is a read and what is a write;
 * the engine decides how a write transaction begins (SQLite: {@code BEGIN IMMEDIATE} on its single writer;
 * PostgreSQL: a pooled connection in a JDBC transaction), and whether a failed one is retried.
 * {@link SQLException}s never leave an implementation: they become {@link MetadataException}s naming the operation.
 */
public interface Transactions {

    /** Runs {@code work} in one write transaction: committed if it returns, rolled back if it throws. */
    <T> T write(String operation, SqlWork<T> work);

    /**
     * {@link #write}, except that the change need not be on disk when this returns: it is made durable by the next
     * {@link #write} that returns (changes become durable in commit order), or lost in a crash before one. For records
     * whose loss a crash can only cost a retry (upload sessions, and claims that a link completes), and for audit events,
     * which are recorded after the response they describe. An engine that cannot tell the two apart syncs both; the
     * SQLite engine syncs such changes within a second even when no durable write follows.
     */
    default <T> T writeUnsynced(String operation, SqlWork<T> work) {
        return write(operation, work);
    }

    /** Runs {@code work} on a connection that sees committed data only. */
    <T> T read(String operation, SqlWork<T> work);

    /**
     * The failure every engine reports for a database error. The message names the operation and nothing else: SQL
     * text, values and connection details stay in the cause, for the log.
     */
    static MetadataException failure(String operation, SQLException cause) {
        return new MetadataException("metadata database failure: " + operation, cause);
    }
}
