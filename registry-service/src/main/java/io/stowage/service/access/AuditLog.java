package io.stowage.service.access;

import io.stowage.metadata.AuditEvent;
import io.stowage.metadata.AuditIndex;
import io.stowage.metadata.AuditQuery;

import java.time.Clock;
import java.util.List;

/**
 * Writes and reads the audit log. The vocabulary: actions are {@code <object>.<verb>} ({@code manifest.push},
 * {@code tag.delete}, {@code blob.mount}, {@code user.create}, {@code login}, ...), results {@code success},
 * {@code failure} or {@code denied}. Pulls are recorded only when {@code audit.pulls} is on: they are most of the
 * traffic.
 */
public final class AuditLog {

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String DENIED = "denied";

    private final AuditIndex index;
    private final Clock clock;
    private final boolean pulls;

    public AuditLog(AuditIndex index, Clock clock, boolean pulls) {
        this.index = index;
        this.clock = clock;
        this.pulls = pulls;
    }

    public boolean recordsPulls() {
        return pulls;
    }

    public void record(Identity identity, ClientInfo client, String action, String repository, String reference,
                       String result, String detail) {
        record(identity.subject(), client, action, repository, reference, result, detail);
    }

    /** An event whose identity is only a name, for instance the account a failed login tried. */
    public void record(String subject, ClientInfo client, String action, String repository, String reference,
                       String result, String detail) {
        index.append(new AuditEvent(clock.instant(), subject, client.address(), client.userAgent(), action,
                repository, reference, result, detail));
    }

    public List<AuditEvent> query(AuditQuery query, Long afterId, int limit) {
        return index.query(query, afterId, limit);
    }

    public long count(AuditQuery query) {
        return index.count(query);
    }
}
