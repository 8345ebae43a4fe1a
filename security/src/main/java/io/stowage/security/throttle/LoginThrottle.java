package io.stowage.security.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Refuses login attempts after too many recent failures, per account and per client address.
 *
 * <p>Use: {@link #check} before verifying a password, and answer a {@link ThrottleDecision.Refused} without
 * verifying (that is what makes guessing slow); then {@link #recordFailure} or {@link #recordSuccess}. A success
 * clears the account's failures but not the address's, so an attacker holding one valid account can't reset its
 * address's count between guesses at others. The address key is the caller's choice (for IPv6, a /64 prefix stops
 * a client from rotating through its own addresses).
 *
 * <p>The account limit can lock a legitimate user out while someone guesses at their account; the short window
 * limits that, and it is the usual price of stopping distributed guessing. Thread-safe.
 */
public final class LoginThrottle {

    /** Longer keys are refused: validate the username first, and pass addresses in their normal form. */
    public static final int MAX_KEY_LENGTH = 256;

    private final Clock clock;
    private final FailureLog accounts;
    private final FailureLog addresses;

    public LoginThrottle(ThrottlePolicy policy, Clock clock) {
        if (policy == null || clock == null) {
            throw new IllegalArgumentException("policy and clock are required");
        }
        this.clock = clock;
        this.accounts = new FailureLog(policy.perAccount(), policy.maxTrackedKeys());
        this.addresses = new FailureLog(policy.perAddress(), policy.maxTrackedKeys());
    }

    /** Whether an attempt for {@code account} from {@code address} may check its password now. */
    public synchronized ThrottleDecision check(String account, String address) {
        requireKey(account);
        requireKey(address);
        Instant now = clock.instant();
        Optional<Duration> accountWait = accounts.refusal(account, now);
        Optional<Duration> addressWait = addresses.refusal(address, now);
        if (accountWait.isEmpty() && addressWait.isEmpty()) {
            return ThrottleDecision.ALLOWED;
        }
        Duration wait = accountWait.orElse(Duration.ZERO);
        if (addressWait.isPresent() && addressWait.get().compareTo(wait) > 0) {
            wait = addressWait.get();
        }
        return new ThrottleDecision.Refused(wait);
    }

    /** Counts a failed attempt (wrong password, unknown account) against both the account and the address. */
    public synchronized void recordFailure(String account, String address) {
        requireKey(account);
        requireKey(address);
        Instant now = clock.instant();
        accounts.record(account, now);
        addresses.record(address, now);
    }

    /** Clears the failures of {@code account} after a successful login. */
    public synchronized void recordSuccess(String account) {
        requireKey(account);
        accounts.reset(account);
    }

    /** Accounts and addresses currently remembered; for tests and metrics. */
    public synchronized int trackedKeys() {
        return accounts.size() + addresses.size();
    }

    private static void requireKey(String key) {
        if (key == null || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("throttle keys are required and at most " + MAX_KEY_LENGTH
                    + " characters");
        }
    }
}
