package io.stowage.service.access;

import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.UserRecord;
import io.stowage.security.Secrets;
import io.stowage.security.password.Passwords;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The first start's administrator: when the store has no user at all, an {@code admin} account is created with the
 * given password or, without one, a generated one that the caller must hand to the operator once. Nodes starting
 * together on one store create it once: the store refuses a second user of the same name.
 */
public final class AdminBootstrap {

    public static final String ADMIN = "admin";

    private final MetadataStore metadata;
    private final AuditLog audit;
    private final Clock clock;

    public AdminBootstrap(MetadataStore metadata, AuditLog audit, Clock clock) {
        this.metadata = metadata;
        this.audit = audit;
        this.clock = clock;
    }

    /** What happened: nothing (users exist), created with the given password, or created with {@code generated}. */
    public sealed interface Outcome {
        record AlreadyConfigured() implements Outcome {
        }

        record Created() implements Outcome {
        }

        record Generated(String password) implements Outcome {
            @Override
            public String toString() {
                return "Generated[(hidden)]";
            }
        }
    }

    public Outcome ensureAdministrator(Optional<String> password) {
        if (metadata.users().count() > 0) {
            return new Outcome.AlreadyConfigured();
        }
        String chosen = password.filter(p -> !p.isEmpty()).orElseGet(() -> Secrets.random(18));
        Instant now = clock.instant();
        boolean created = metadata.users().create(new UserRecord(ADMIN, Passwords.hash(chosen.toCharArray()).encoded(),
                true, false, now, now));
        if (!created) {
            return new Outcome.AlreadyConfigured();
        }
        audit.record("system", ClientInfo.COMMAND_LINE, "user.create", null, ADMIN, AuditLog.SUCCESS,
                "first-start administrator");
        return password.filter(p -> !p.isEmpty()).isPresent() ? new Outcome.Created()
                : new Outcome.Generated(chosen);
    }
}
