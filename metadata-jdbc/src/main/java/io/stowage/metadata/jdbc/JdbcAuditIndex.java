package io.stowage.metadata.jdbc;

import io.stowage.metadata.AuditEvent;
import io.stowage.metadata.AuditIndex;
import io.stowage.metadata.AuditQuery;

import java.util.List;
import java.util.Objects;

/**
 * {@link AuditIndex} on {@code audit_events}. An append is one insert whose id the database assigns (an identity
 * column on PostgreSQL, AUTOINCREMENT on SQLite: increasing and never reused), so concurrent appends never collide.
 */
final class JdbcAuditIndex implements AuditIndex {

    private final Transactions transactions;

    JdbcAuditIndex(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public long append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.id() != 0) {
            throw new IllegalArgumentException("the store assigns an audit event's id: append it with id 0");
        }
        return transactions.writeUnsynced("append audit event", c -> AuditEventsTable.insert(c, event));
    }

    @Override
    public List<AuditEvent> query(AuditQuery query, Long afterId, int limit) {
        Objects.requireNonNull(query, "query");
        Limits.check(limit);
        return transactions.read("query audit events", c -> AuditEventsTable.query(c, query, afterId, limit));
    }

    @Override
    public long count(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        return transactions.read("count audit events", c -> AuditEventsTable.count(c, query));
    }
}
