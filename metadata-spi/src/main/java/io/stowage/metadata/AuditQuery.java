package io.stowage.metadata;

import java.time.Instant;

/**
 * Which audit events to list or count: each non-null field must match exactly, and the event's time must lie in
 * {@code [from, to)} (an open end where null). Filter values are cleaned as events are ({@link AuditEvent}), so
 * a query with the text a client sent finds the event recorded from it. There is no filter for anonymous events:
 * a null identity means any identity.
 */
public record AuditQuery(String identity, String action, String repository, String result, Instant from,
                         Instant to) {

    /** Every event. */
    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null);

    public AuditQuery {
        identity = AuditText.clean(identity, AuditEvent.MAX_FIELD_LENGTH);
        action = AuditText.clean(action, AuditEvent.MAX_FIELD_LENGTH);
        repository = AuditText.clean(repository, AuditEvent.MAX_FIELD_LENGTH);
        result = AuditText.clean(result, AuditEvent.MAX_FIELD_LENGTH);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("the time range ends before it starts");
        }
    }

    public AuditQuery withIdentity(String identity) {
        return new AuditQuery(identity, action, repository, result, from, to);
    }

    public AuditQuery withAction(String action) {
        return new AuditQuery(identity, action, repository, result, from, to);
    }

    public AuditQuery withRepository(String repository) {
        return new AuditQuery(identity, action, repository, result, from, to);
    }

    public AuditQuery withResult(String result) {
        return new AuditQuery(identity, action, repository, result, from, to);
    }

    /** Events at or after {@code from} and before {@code to}; either may be null for an open end. */
    public AuditQuery between(Instant from, Instant to) {
        return new AuditQuery(identity, action, repository, result, from, to);
    }
}
