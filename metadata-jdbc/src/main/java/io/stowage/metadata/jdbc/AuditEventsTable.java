package io.stowage.metadata.jdbc;

import io.stowage.metadata.AuditEvent;
import io.stowage.metadata.AuditQuery;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Queries on {@code audit_events}. There is no update and no delete: the log is append-only. */
final class AuditEventsTable {

    private static final String COLUMNS = "id, occurred_at, identity, client_address, user_agent, action, repository,"
            + " reference, result, detail";

    /** Inserts the event and returns the id the database assigned. */
    static long insert(Connection c, AuditEvent event) throws SQLException {
        return Sql.first(c, """
                        INSERT INTO audit_events (occurred_at, identity, client_address, user_agent, action,
                                                  repository, reference, result, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        RETURNING id""",
                        row -> row.getLong(1), event.at().toEpochMilli(), event.identity(), event.clientAddress(),
                        event.userAgent(), event.action(), event.repository(), event.reference(), event.result(),
                        event.detail())
                .orElseThrow(() -> new SQLException("an insert returned no id"));
    }

    /** Oldest first by id, so that {@code afterId} pages neither skip nor repeat. */
    static List<AuditEvent> query(Connection c, AuditQuery query, Long afterId, int limit) throws SQLException {
        Where where = Where.of(query);
        if (afterId != null) {
            where.and("id > ?", afterId);
        }
        where.parameters.add(limit);
        return Sql.list(c, "SELECT " + COLUMNS + " FROM audit_events" + where.sql() + " ORDER BY id LIMIT ?",
                AuditEventsTable::record, where.parameters.toArray());
    }

    static long count(Connection c, AuditQuery query) throws SQLException {
        Where where = Where.of(query);
        return Sql.first(c, "SELECT count(*) FROM audit_events" + where.sql(), row -> row.getLong(1),
                where.parameters.toArray()).orElse(0L);
    }

    /**
     * The conditions of a query, only those it sets: a condition like {@code (? IS NULL OR identity = ?)} would keep
     * PostgreSQL from using an index once it plans the statement generically. Values are always bound.
     */
    private static final class Where {

        private final List<String> conditions = new ArrayList<>();
        private final List<Object> parameters = new ArrayList<>();

        static Where of(AuditQuery query) {
            Where where = new Where();
            if (query.identity() != null) {
                where.and("identity = ?", query.identity());
            }
            if (query.action() != null) {
                where.and("action = ?", query.action());
            }
            if (query.repository() != null) {
                where.and("repository = ?", query.repository());
            }
            if (query.result() != null) {
                where.and("result = ?", query.result());
            }
            if (query.from() != null) {
                where.and("occurred_at >= ?", storedBound(query.from()));
            }
            if (query.to() != null) {
                where.and("occurred_at < ?", storedBound(query.to()));
            }
            return where;
        }

        void and(String condition, Object parameter) {
            conditions.add(condition);
            parameters.add(parameter);
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }
    }

    /**
     * A bound in stored milliseconds. Times are stored truncated to the millisecond, so an event stored at {@code m}
     * lies at or after a bound {@code b} exactly when {@code m} is at least {@code b} rounded up.
     */
    private static long storedBound(Instant bound) {
        return bound.toEpochMilli() + (bound.getNano() % 1_000_000 == 0 ? 0 : 1);
    }

    private static AuditEvent record(ResultSet row) throws SQLException {
        long id = row.getLong(1);
        Instant at = Columns.instant(row.getLong(2));
        String identity = row.getString(3);
        String clientAddress = row.getString(4);
        String userAgent = row.getString(5);
        String action = row.getString(6);
        String repository = row.getString(7);
        String reference = row.getString(8);
        String result = row.getString(9);
        String detail = row.getString(10);
        return Columns.valid("audit event", () -> new AuditEvent(id, at, identity, clientAddress, userAgent, action,
                repository, reference, result, detail));
    }

    private AuditEventsTable() {
    }
}
