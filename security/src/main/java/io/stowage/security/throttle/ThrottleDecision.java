package io.stowage.security.throttle;

import java.time.Duration;

/** Whether a login attempt may go ahead. */
public sealed interface ThrottleDecision {

    ThrottleDecision ALLOWED = new Allowed();

    /** The attempt may check the password. */
    record Allowed() implements ThrottleDecision {
    }

    /**
     * The attempt must be refused without checking the password.
     *
     * @param retryAfter positive time until an attempt is allowed again
     */
    record Refused(Duration retryAfter) implements ThrottleDecision {
        public Refused {
            if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
                throw new IllegalArgumentException("retryAfter must be positive");
            }
        }
    }

    default boolean allowed() {
        return this instanceof Allowed;
    }
}
