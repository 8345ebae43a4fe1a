package io.stowage.metadata.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept open per connection, for engines that compile SQL on every prepare (SQLite: a prepare
 * costs about as much as running a simple statement, and a push runs a few dozen). An engine opts its connections in
 * with {@link #enable} and out with {@link #disable} before closing them; {@link Sql} then reuses a statement per SQL
 * text instead of preparing and closing one each time. A connection is used by one thread at a time (the engine's
 * writer under its lock, a reader while borrowed), and so are its statements. The PostgreSQL driver keeps its own
 * cache of server-side statements, so that engine does not opt in.
 */
public final class StatementCache {

    /** Distinct statements the store runs are far fewer; the bound only guards against unbounded growth. */
    static final int MAX_STATEMENTS = 512;

    private static final Map<Connection, StatementCache> CACHES = new ConcurrentHashMap<>();

    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(64, 0.75f, true);
    private final Connection connection;

    private StatementCache(Connection connection) {
        this.connection = connection;
    }

    public static void enable(Connection connection) {
        CACHES.putIfAbsent(connection, new StatementCache(connection));
    }

    /** Closes the connection's cached statements; the connection itself stays open. */
    public static void disable(Connection connection) {
        StatementCache cache = CACHES.remove(connection);
        if (cache != null) {
            cache.statements.values().forEach(StatementCache::closeQuietly);
            cache.statements.clear();
        }
    }

    /** The cache of a connection that opted in, or null. */
    static StatementCache of(Connection connection) {
        return CACHES.get(connection);
    }

    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
            if (statements.size() > MAX_STATEMENTS) {
                var eldest = statements.entrySet().iterator().next();
                closeQuietly(eldest.getValue());
                statements.remove(eldest.getKey());
            }
        }
        return statement;
    }

    /** After a use that failed: the statement is closed and prepared afresh next time, whatever state it is in. */
    void evict(String sql) {
        PreparedStatement statement = statements.remove(sql);
        if (statement != null) {
            closeQuietly(statement);
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // Being discarded: nothing else to do with it.
        }
    }
}
