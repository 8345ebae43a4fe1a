package io.stowage.security.throttle;

import java.time.Duration;

/**
 * The limits of a {@link LoginThrottle}.
 *
 * @param perAccount      failures allowed per account within its window
 * @param perAddress      failures allowed per client address within its window
 * @param maxTrackedKeys  accounts, and separately addresses, remembered at once; beyond it the least recently
 *                        failing are forgotten, which bounds memory under a flood of distinct names
 */
public record ThrottlePolicy(Limit perAccount, Limit perAddress, int maxTrackedKeys) {

    /** 5 failures per account and 20 per address within 5 minutes; 100,000 tracked accounts and as many
     * addresses (at most some tens of MiB). */
    public static final ThrottlePolicy DEFAULT = new ThrottlePolicy(
            new Limit(5, Duration.ofMinutes(5)), new Limit(20, Duration.ofMinutes(5)), 100_000);

    /** At most {@code maxFailures} failures within any {@code window}. */
    public record Limit(int maxFailures, Duration window) {
        public Limit {
            // Capped because each tracked key remembers up to maxFailures timestamps.
            if (maxFailures < 1 || maxFailures > 1000) {
                throw new IllegalArgumentException("maxFailures must be 1 to 1000");
            }
            if (window == null || window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("window must be positive and at most a day");
            }
        }
    }

    public ThrottlePolicy {
        if (perAccount == null || perAddress == null) {
            throw new IllegalArgumentException("both limits are required");
        }
        if (maxTrackedKeys < 1) {
            throw new IllegalArgumentException("maxTrackedKeys must be positive");
        }
    }
}
