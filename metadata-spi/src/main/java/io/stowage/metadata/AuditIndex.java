package io.stowage.metadata;

import java.util.List;

/**
 * The audit log, append-only: there is deliberately no way to change or remove an event through the store.
 *
 * <p>Events are listed oldest first, by id: ids are assigned at append, increasing, never reused, so paging with
 * {@code afterId} (the last id of the previous page) neither skips nor repeats an event that existed when the first
 * page was read, whatever is appended meanwhile. On an engine with concurrent writers (PostgreSQL) an append's id is
 * assigned before it commits, so an event may become visible just after one with a higher id; a reader following
 * the log as it grows should therefore treat its most recent few events as possibly not yet complete.
 *
 * <p>An append need not be durable when it returns (see {@link MetadataStore}): events are recorded after the
 * response they describe has gone out, and they reach the disk with the next durable change, or within a second on
 * the embedded engine, so a crash of the machine can lose at most the last second of events.
 */
public interface AuditIndex {

    /**
     * Appends an event whose id is 0 and returns the id assigned to it. One insert: cheap enough for every request.
     * Concurrent appends are all kept, each with its own id.
     */
    long append(AuditEvent event);

    /**
     * The events matching {@code query}, oldest first (by id), with an id greater than {@code afterId} (null: from
     * the first), at most {@code limit}.
     */
    List<AuditEvent> query(AuditQuery query, Long afterId, int limit);

    /** How many events match {@code query}. */
    long count(AuditQuery query);
}
