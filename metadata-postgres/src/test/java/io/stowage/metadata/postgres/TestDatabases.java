package io.stowage.metadata.postgres;

import io.stowage.interop.PostgresServer;

import java.sql.Connection;
import java.sql.SQLException;

/** Fresh databases on the tests' real PostgreSQL ({@link PostgresServer}), as store settings. */
final class TestDatabases {

    /** Pool size of the stores tests open: enough for the contract's eight writer threads. */
    static final int TEST_POOL_SIZE = 8;

    private TestDatabases() {
    }

    static PostgresSettings newDatabase() {
        return settings(PostgresServer.shared().newDatabase());
    }

    /** A database created with {@code options} appended to {@code CREATE DATABASE <name>}. */
    static PostgresSettings newDatabase(String options) {
        return settings(PostgresServer.shared().newDatabase(options));
    }

    /** The server's maintenance database; for tests that inspect the server itself. */
    static PostgresSettings adminSettings() {
        return settings(PostgresServer.shared().admin());
    }

    /** A plain connection (autocommit), for tests that look underneath a store. */
    static Connection connect(PostgresSettings settings) throws SQLException {
        return PostgresServer.connect(new PostgresServer.Database(settings.url(), settings.user(), settings.password()));
    }

    private static PostgresSettings settings(PostgresServer.Database database) {
        return new PostgresSettings(database.url(), database.user(), database.password(), TEST_POOL_SIZE);
    }
}
