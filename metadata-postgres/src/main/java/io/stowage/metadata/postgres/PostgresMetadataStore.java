package io.stowage.metadata.postgres;

import io.stowage.metadata.MetadataException;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.jdbc.Schema;
import io.stowage.metadata.jdbc.Sql;
import io.stowage.metadata.jdbc.SqlDialect;
import io.stowage.metadata.jdbc.SqlMetadataStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;

/**
 * The scale-out {@link MetadataStore}: a PostgreSQL database shared by every registry node. Tables, queries and
 * migrations are the ones the SQLite store uses ({@code io.stowage.metadata.jdbc}); each node holds its own pool.
 *
 * <p>Writes are safe with concurrent writers on other nodes: inserts rely on keys and {@code ON CONFLICT}, a manifest
 * put locks the blob links and manifests it checked until it commits, and a transaction PostgreSQL aborts as a
 * deadlock or serialization failure is run again. The schema is migrated at open, by whichever node gets there
 * first; the others wait for it and find nothing left to do.
 */
public final class PostgresMetadataStore extends SqlMetadataStore {

    static final SqlDialect DIALECT = new PostgresDialect();

    /**
     * Key of the transaction-scoped advisory lock that serializes migrations. Any constant works as long as every
     * Stowage uses the same one; this is "STOWAGE1" in ASCII, unlikely to be used by anything else in the database.
     */
    static final long MIGRATION_LOCK = 0x53544F5741474531L;

    private final PostgresSettings settings;
    private final PostgresTransactions transactions;

    private PostgresMetadataStore(PostgresSettings settings, PostgresTransactions transactions, Clock clock) {
        super(transactions, DIALECT, clock);
        this.settings = settings;
        this.transactions = transactions;
    }

    /**
     * Connects to the database and brings its schema up to date. Fails with {@link MetadataException} if the server
     * cannot be reached, refuses the credentials, or holds a schema newer than this Stowage understands.
     */
    public static PostgresMetadataStore open(PostgresSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    /** As {@link #open(PostgresSettings)}, with the clock that stamps repositories, blobs and tags. */
    public static PostgresMetadataStore open(PostgresSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        PostgresTransactions transactions = new PostgresTransactions(ConnectionPool.open(settings));
        try {
            transactions.write("migrate schema", c -> {
                lockMigrations(c);
                return Schema.migrate(c, DIALECT, clock);
            });
        } catch (RuntimeException e) {
            transactions.close();
            throw e;
        }
        return new PostgresMetadataStore(settings, transactions, clock);
    }

    /** Waits until no other node is migrating; the lock is released when this transaction ends. */
    private static void lockMigrations(Connection c) throws SQLException {
        Sql.first(c, "SELECT pg_advisory_xact_lock(?)", row -> Boolean.TRUE, MIGRATION_LOCK);
    }

    /** Shared: every node of a scale-out deployment writes the same database. */
    @Override
    public boolean isShared() {
        return true;
    }

    /** {@code postgres://host:port/database}: the server without credentials or URL parameters. */
    @Override
    public String describe() {
        return "postgres:" + settings.redactedUrl().substring("jdbc:postgresql:".length());
    }

    /** Closes this node's pool; later calls fail with {@link MetadataException}. Closing twice is harmless. */
    @Override
    public void close() {
        transactions.close();
    }
}
