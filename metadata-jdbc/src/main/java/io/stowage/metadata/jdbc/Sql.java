package io.stowage.metadata.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Prepared-statement plumbing, so the table classes read as their SQL. Parameters are always bound, never spliced. */
public final class Sql {

    public static int update(Connection c, String sql, Object... parameters) throws SQLException {
        return run(c, sql, parameters, PreparedStatement::executeUpdate);
    }

    public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        return run(c, sql, parameters, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        });
    }

    public static <T> Optional<T> first(Connection c, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        return run(c, sql, parameters, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
            }
        });
    }

    public static boolean exists(Connection c, String sql, Object... parameters) throws SQLException {
        return run(c, sql, parameters, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        });
    }

    /** Runs a statement without parameters (transaction control, pragmas, DDL). */
    public static void execute(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private interface Use<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /**
     * Binds the parameters and runs {@code use} on a statement: a cached one when the connection opted in to
     * {@link StatementCache} (its parameters cleared afterwards; closed and dropped if anything failed), else a new
     * one, closed afterwards.
     */
    private static <T> T run(Connection c, String sql, Object[] parameters, Use<T> use) throws SQLException {
        StatementCache cache = StatementCache.of(c);
        if (cache == null) {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                bind(statement, parameters);
                return use.run(statement);
            }
        }
        PreparedStatement statement = cache.prepare(sql);
        boolean clean = false;
        try {
            bind(statement, parameters);
            T result = use.run(statement);
            statement.clearParameters();
            clean = true;
            return result;
        } finally {
            if (!clean) {
                cache.evict(sql);
            }
        }
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == null) {
                statement.setNull(i + 1, Types.NULL);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
    }

    private Sql() {
    }
}
