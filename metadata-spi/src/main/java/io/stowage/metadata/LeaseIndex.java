package io.stowage.metadata;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Named, time-limited leases, so that a background job runs on one registry node at a time, and carries on elsewhere
 * once its node has died: a holder that stops renewing its lease loses it when it lapses. The time is the caller's
 * (nodes' clocks are assumed to agree to well within a lease's duration).
 */
public interface LeaseIndex {

    /**
     * Takes the lease for {@code holder} until {@code now + duration}, or renews it: succeeds when nobody holds it,
     * when the holder's lease lapsed ({@code expiresAt <= now}), or when {@code holder} already holds it. Atomic: of
     * several nodes asking at once for a free lease, exactly one gets it.
     */
    boolean acquire(String name, String holder, Instant now, Duration duration);

    /** Gives the lease up if {@code holder} holds it; returns whether it did. */
    boolean release(String name, String holder);

    Optional<Lease> find(String name);
}
