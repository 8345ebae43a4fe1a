package io.stowage.metadata.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.stowage.metadata.MetadataException;
import io.stowage.metadata.jdbc.SqlWork;
import io.stowage.metadata.jdbc.Transactions;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@link Transactions} on a pool of PostgreSQL connections, each unit of work one JDBC transaction at read committed.
 * Other nodes write to the same database at the same time; when PostgreSQL aborts a write because of them
 * (deadlock, serialization failure) the whole unit of work runs again on a fresh transaction, a bounded number of
 * times with a short random pause, so colliding nodes do not collide again in step.
 */
final class PostgresTransactions implements Transactions, AutoCloseable {

    static final int MAX_ATTEMPTS = 10;
    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long MAX_PAUSE_MILLIS = 200;

    private final HikariDataSource pool;

    PostgresTransactions(HikariDataSource pool) {
        this.pool = pool;
    }

    @Override
    public <T> T write(String operation, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(work);
            } catch (SQLException e) {
                if (attempt >= MAX_ATTEMPTS || !SqlStates.isRetryable(e)) {
                    throw Transactions.failure(operation, e);
                }
                pause(attempt, e);
            }
        }
    }

    /** Reads are single statements at read committed: nothing to retry. */
    @Override
    public <T> T read(String operation, SqlWork<T> work) {
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw Transactions.failure(operation, e);
        }
    }

    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        if (pool.isClosed()) {
            throw new MetadataException("the metadata store is closed", null);
        }
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection may be broken; the pool discards it. The original failure is what matters.
            cause.addSuppressed(e);
        }
    }

    private static void pause(int attempt, SQLException cause) {
        long bound = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            MetadataException interrupted = new MetadataException("interrupted while retrying a metadata write", e);
            interrupted.addSuppressed(cause);
            throw interrupted;
        }
    }

    /** Closes every connection; later calls fail with {@link MetadataException}. Closing twice is harmless. */
    @Override
    public void close() {
        pool.close();
    }
}
