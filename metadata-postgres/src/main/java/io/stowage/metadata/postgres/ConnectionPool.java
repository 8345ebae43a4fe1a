package io.stowage.metadata.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.stowage.metadata.MetadataException;

import java.time.Duration;

/** Builds this node's HikariCP pool from {@link PostgresSettings}. */
final class ConnectionPool {

    static final String NAME = "stowage";
    /** How long a caller waits for a free connection before its operation fails. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(3);
    /** Below common server and load-balancer idle limits, so a pooled connection is never silently cut. */
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(25);
    private static final Duration KEEPALIVE = Duration.ofMinutes(2);

    /**
     * Opens the pool, failing fast (with a {@link MetadataException} that names the server but never the password)
     * if the first connection cannot be made.
     */
    static HikariDataSource open(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(NAME);
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        // A fixed-size pool: no connection churn under bursts.
        config.setMaximumPoolSize(settings.maxConnections());
        // Every unit of work is an explicit transaction that commits or rolls back.
        config.setAutoCommit(false);
        // Writes lock the rows they depend on, so read committed is enough; see JdbcManifestIndex.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        config.setMaxLifetime(MAX_LIFETIME.toMillis());
        config.setKeepaliveTime(KEEPALIVE.toMillis());
        config.addDataSourceProperty("ApplicationName", "stowage");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new MetadataException("cannot connect to the metadata database " + settings.redactedUrl(), e);
        }
    }

    private ConnectionPool() {
    }
}
