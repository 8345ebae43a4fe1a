package io.stowage.metadata;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit log: who ({@code identity}, null when anonymous) did what ({@code action}, for instance
 * {@code manifest.push}) to what ({@code repository} and {@code reference}, a tag or digest, when the action has
 * them), from where, and with which {@code result}, plus an optional {@code detail}. The vocabulary of actions and
 * results is the service's; the store only keeps and filters them.
 *
 * <p>{@code id} is assigned by the store when the event is appended (0 before). Text is stored cleaned, not refused
 * (see {@link AuditText}): control characters and unpaired surrogates become U+FFFD and each field is cut to its
 * maximum, so an event carrying whatever a client sent is still recorded, identically on every engine. The time is
 * kept to the millisecond.
 */
public record AuditEvent(long id, Instant at, String identity, String clientAddress, String userAgent, String action,
                         String repository, String reference, String result, String detail) {

    /** Maximum of the short fields, the ones queries filter on (and the client address). */
    public static final int MAX_FIELD_LENGTH = 256;
    /** Maximum of the user agent and the detail. */
    public static final int MAX_TEXT_LENGTH = 4096;

    public AuditEvent {
        if (id < 0) {
            throw new IllegalArgumentException("an audit event id is positive, or 0 before the event is appended");
        }
        Objects.requireNonNull(at, "at");
        identity = AuditText.clean(identity, MAX_FIELD_LENGTH);
        clientAddress = AuditText.clean(Objects.requireNonNull(clientAddress, "clientAddress"), MAX_FIELD_LENGTH);
        userAgent = AuditText.clean(Objects.requireNonNull(userAgent, "userAgent"), MAX_TEXT_LENGTH);
        action = requireNonEmpty(AuditText.clean(action, MAX_FIELD_LENGTH), "action");
        repository = AuditText.clean(repository, MAX_FIELD_LENGTH);
        reference = AuditText.clean(reference, MAX_FIELD_LENGTH);
        result = requireNonEmpty(AuditText.clean(result, MAX_FIELD_LENGTH), "result");
        detail = AuditText.clean(detail, MAX_TEXT_LENGTH);
    }

    /** An event to append; the store assigns its id. */
    public AuditEvent(Instant at, String identity, String clientAddress, String userAgent, String action,
                      String repository, String reference, String result, String detail) {
        this(0, at, identity, clientAddress, userAgent, action, repository, reference, result, detail);
    }

    private static String requireNonEmpty(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }
}
