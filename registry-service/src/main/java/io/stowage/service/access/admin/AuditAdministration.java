package io.stowage.service.access.admin;

import io.stowage.metadata.AuditEvent;
import io.stowage.metadata.AuditQuery;
import io.stowage.service.access.AuditLog;

import java.util.List;
import java.util.function.Consumer;

/**
 * Reading the audit log, for system administrators: a page of events matching a query, oldest first, after a given
 * event id; or every matching event, for an export. Reading the log is not itself audited.
 */
public final class AuditAdministration {

    /** Events per store query while exporting. */
    static final int EXPORT_PAGE = 1000;

    private final AuditLog audit;
    private final Changes changes;

    AuditAdministration(AuditLog audit, Changes changes) {
        this.audit = audit;
        this.changes = changes;
    }

    /** Events matching {@code query} with an id above {@code afterId} (null: from the first), at most {@code limit}. */
    public Slice<AuditEvent> query(Actor actor, AuditQuery query, Long afterId, int limit) {
        return changes.read(actor, Permission.ADMINISTRATOR, who -> {
            Slice.checkLimit(limit);
            return Slice.of(audit.query(query, afterId, limit + 1), limit);
        });
    }

    /**
     * Hands every event matching {@code query} with an id above {@code afterId} to {@code sink}, oldest first, at
     * most {@code limit} (a negative limit: all of them), reading the store a page at a time.
     */
    public void export(Actor actor, AuditQuery query, Long afterId, long limit, Consumer<AuditEvent> sink) {
        changes.read(actor, Permission.ADMINISTRATOR, who -> null);
        long left = limit < 0 ? Long.MAX_VALUE : limit;
        Long after = afterId;
        while (left > 0) {
            int want = (int) Math.min(EXPORT_PAGE, left);
            List<AuditEvent> page = audit.query(query, after, want);
            page.forEach(sink);
            left -= page.size();
            if (page.size() < want) {
                return;
            }
            after = page.getLast().id();
        }
    }
}
