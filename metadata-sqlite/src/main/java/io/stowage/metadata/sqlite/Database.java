package io.stowage.metadata.sqlite;

import io.stowage.metadata.MetadataException;
import io.stowage.metadata.jdbc.Sql;
import io.stowage.metadata.jdbc.SqlWork;
import io.stowage.metadata.jdbc.StatementCache;
import io.stowage.metadata.jdbc.Transactions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link Transactions} of one SQLite file. SQLite admits one writer at a time, so there is exactly one write
 * connection, used under a lock, and every write runs in an explicit {@code BEGIN IMMEDIATE} transaction. Reads
 * borrow one of a few read-only connections; in WAL mode they see the last committed state and never wait for the
 * writer. Commits are synced by group commit ({@link WalSync}), after the write lock is released, so concurrent
 * writers share one sync instead of queueing behind each other's.
 * {@link SQLException}s never leave this class: they become {@link MetadataException}s naming the operation only.
 */
final class Database implements Transactions, AutoCloseable {

    static final int READERS = 4;
    static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final long CLOSE_WAIT_SECONDS = 30;
    private static final Duration UNSYNCED_FLUSH_PERIOD = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers;
    private final WalSync walSync;
    private final Thread flusher;
    private volatile boolean closed;

    private Database(Connection writer, List<Connection> readers, WalSync walSync) {
        this.writer = writer;
        this.readers = new ArrayBlockingQueue<>(readers.size(), false, readers);
        this.walSync = walSync;
        this.flusher = walSync == null ? null : Thread.ofPlatform().daemon().name("sqlite-wal-flush")
                .start(this::flushUnsynced);
    }

    /** Bounds how long a change that did not wait for its sync stays only in the page cache: one period. */
    private void flushUnsynced() {
        while (!closed) {
            try {
                Thread.sleep(UNSYNCED_FLUSH_PERIOD);
                walSync.syncUnsynced();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // The next durable write syncs the same file and reports a persistent failure to its caller.
                if (!closed) {
                    LOG.warn("cannot sync the metadata write-ahead log: {}", e.toString());
                }
            }
        }
    }

    /** Opens the writer first (it switches the file to WAL), then the readers. */
    static Database open(Path file) {
        List<Connection> opened = new ArrayList<>();
        try {
            Connection writer = connect(file, false);
            opened.add(writer);
            List<Connection> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                Connection reader = connect(file, true);
                opened.add(reader);
                readers.add(reader);
            }
            return new Database(writer, readers, groupCommit(file, writer));
        } catch (SQLException | IOException e) {
            opened.forEach(Database::closeQuietly);
            throw new MetadataException("cannot open the metadata database", e);
        }
    }

    /**
     * Switches the writer to {@code synchronous=NORMAL} behind a {@link WalSync}, which syncs what commits need.
     * Without a write-ahead log (a filesystem without shared memory, where SQLite keeps its rollback journal) the
     * writer stays on {@code FULL} and syncs every commit itself.
     */
    private static WalSync groupCommit(Path file, Connection writer) throws SQLException, IOException {
        String mode = Sql.first(writer, "PRAGMA journal_mode", row -> row.getString(1)).orElse("");
        if (!"wal".equalsIgnoreCase(mode)) {
            return null;
        }
        // A read opens the log, creating the file if this is the first connection ever.
        Sql.first(writer, "SELECT count(*) FROM sqlite_master", row -> row.getLong(1));
        WalSync sync = WalSync.open(file);
        Sql.execute(writer, "PRAGMA synchronous = NORMAL");
        return sync;
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        Properties properties = new Properties();
        // Nothing reads generated keys (inserts that need an id say RETURNING); without this the driver queries
        // last_insert_rowid() after every update.
        properties.setProperty("jdbc.get_generated_keys", "false");
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, properties);
        try {
            // Pragmas other than journal_mode are per connection, so every connection sets them.
            Sql.execute(c, "PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            if (!readOnly) {
                Sql.execute(c, "PRAGMA journal_mode = WAL");
            }
            // FULL syncs the WAL on every commit: a commit that returned survives power loss. The writer is switched
            // to NORMAL once its WalSync is in place, which then syncs the commits that wait for it.
            Sql.execute(c, "PRAGMA synchronous = FULL");
            Sql.execute(c, "PRAGMA foreign_keys = ON");
            if (readOnly) {
                Sql.execute(c, "PRAGMA query_only = ON");
            }
            StatementCache.enable(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Runs {@code work} in one write transaction, committed if it returns, rolled back if it throws. Never retried:
     * with one writer, whatever fails would fail again.
     */
    @Override
    public <T> T write(String operation, SqlWork<T> work) {
        return write(operation, work, true);
    }

    @Override
    public <T> T writeUnsynced(String operation, SqlWork<T> work) {
        return write(operation, work, false);
    }

    private <T> T write(String operation, SqlWork<T> work, boolean durable) {
        T result;
        long sequence;
        writeLock.lock();
        try {
            ensureOpen();
            Sql.execute(writer, "BEGIN IMMEDIATE");
            try {
                result = work.run(writer);
                Sql.execute(writer, "COMMIT");
                sequence = walSync == null ? 0 : walSync.committed();
            } catch (SQLException | RuntimeException | Error e) {
                rollback(e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        } finally {
            writeLock.unlock();
        }
        if (durable && walSync != null) {
            try {
                walSync.await(sequence);
            } catch (IOException e) {
                // Committed and visible, but not known to be on disk: the caller must not report success.
                throw new MetadataException("metadata database failure: " + operation + " (sync)", e);
            }
        }
        return result;
    }

    /** Runs {@code work} on a read-only connection. */
    @Override
    public <T> T read(String operation, SqlWork<T> work) {
        Connection reader = borrowReader();
        try {
            return work.run(reader);
        } catch (SQLException e) {
            throw failure(operation, e);
        } finally {
            readers.add(reader);
        }
    }

    /** The value of a pragma on every connection, writer first (lets tests see what is in force). */
    List<String> pragmaOnEveryConnection(String pragma) {
        if (!pragma.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a pragma name");
        }
        SqlWork<String> query = c -> Sql.first(c, "PRAGMA " + pragma, row -> row.getString(1)).orElse(null);
        List<String> values = new ArrayList<>();
        writeLock.lock();
        try {
            ensureOpen();
            values.add(query.run(writer));
            List<Connection> borrowed = new ArrayList<>();
            try {
                for (int i = 0; i < READERS; i++) {
                    borrowed.add(borrowReader());
                }
                for (Connection reader : borrowed) {
                    values.add(query.run(reader));
                }
            } finally {
                readers.addAll(borrowed);
            }
            return values;
        } catch (SQLException e) {
            throw failure("read pragma", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Closes every connection, waiting for reads in progress to return theirs. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (flusher != null) {
            flusher.interrupt();
        }
        writeLock.lock();
        try {
            for (int i = 0; i < READERS; i++) {
                Connection reader = readers.poll(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
                if (reader != null) {
                    closeQuietly(reader);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // The writer closes last: the last connection to close checkpoints the WAL into the database file.
            closeQuietly(writer);
            if (walSync != null) {
                try {
                    walSync.close();
                } catch (Exception ignored) {
                    // A read-only descriptor of a file SQLite has just removed: nothing is lost by failing to close it.
                }
            }
            writeLock.unlock();
        }
    }

    private Connection borrowReader() {
        try {
            while (true) {
                ensureOpen();
                Connection reader = readers.poll(100, TimeUnit.MILLISECONDS);
                if (reader != null) {
                    if (closed) {
                        readers.add(reader);
                        ensureOpen();
                    }
                    return reader;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetadataException("interrupted while waiting for a metadata connection", e);
        }
    }

    private void rollback(Throwable cause) {
        try {
            Sql.execute(writer, "ROLLBACK");
        } catch (SQLException e) {
            // A failed COMMIT may already have ended the transaction; the original failure is what matters.
            cause.addSuppressed(e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new MetadataException("the metadata store is closed", null);
        }
    }

    private static MetadataException failure(String operation, SQLException e) {
        return Transactions.failure(operation, e);
    }

    private static void closeQuietly(Connection c) {
        StatementCache.disable(c);
        try {
            c.close();
        } catch (SQLException ignored) {
            // Nothing useful to do: the connection is being discarded either way.
        }
    }
}
