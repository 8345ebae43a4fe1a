package io.stowage.security.throttle;

import io.stowage.security.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottleTest {

    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(ThrottlePolicy.DEFAULT, clock);

    @Test
    void fiveFailuresWithinFiveMinutesLockTheAccountUntilTheFirstLeavesTheWindow() {
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("alice", "10.0.0." + i);
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(throttle.check("alice", "10.0.0.9")).isEqualTo(ThrottleDecision.ALLOWED);

        throttle.recordFailure("alice", "10.0.0.9");

        // First failure at 12:00:00, now 12:00:40: allowed again at 12:05:00.
        assertThat(throttle.check("alice", "10.0.0.10"))
                .isEqualTo(new ThrottleDecision.Refused(Duration.ofSeconds(260)));
        assertThat(throttle.check("bob", "10.0.0.10").allowed()).isTrue();
        clock.advance(Duration.ofSeconds(259));
        assertThat(throttle.check("alice", "10.0.0.10"))
                .isEqualTo(new ThrottleDecision.Refused(Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.check("alice", "10.0.0.10").allowed()).isTrue();
    }

    @Test
    void theWindowSlides() {
        throttle.recordFailure("alice", "a");
        clock.advance(Duration.ofMinutes(4));
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("alice", "a");
        }
        assertThat(throttle.check("alice", "a").allowed()).isFalse();
        clock.advance(Duration.ofMinutes(1));
        // The first failure has left the window; four remain.
        assertThat(throttle.check("alice", "a").allowed()).isTrue();
        throttle.recordFailure("alice", "a");
        assertThat(throttle.check("alice", "a"))
                .isEqualTo(new ThrottleDecision.Refused(Duration.ofMinutes(4)));
    }

    @Test
    void successClearsTheAccountButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("alice", "192.0.2.1");
        }
        throttle.recordSuccess("alice");
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("alice", "192.0.2.1");
        }
        assertThat(throttle.check("alice", "192.0.2.1").allowed()).isTrue();

        // The address has 8 failures; 12 more across other accounts lock it, successes or not.
        for (int i = 0; i < 12; i++) {
            throttle.recordFailure("user" + i, "192.0.2.1");
            throttle.recordSuccess("user" + i);
        }
        assertThat(throttle.check("carol", "192.0.2.1").allowed()).isFalse();
        assertThat(throttle.check("carol", "192.0.2.2").allowed()).isTrue();
    }

    @Test
    void oneAddressTryingManyAccountsIsLockedAfterTwenty() {
        for (int i = 0; i < 19; i++) {
            throttle.recordFailure("user" + i, "198.51.100.7");
        }
        assertThat(throttle.check("someone", "198.51.100.7").allowed()).isTrue();
        throttle.recordFailure("user19", "198.51.100.7");

        assertThat(throttle.check("someone", "198.51.100.7"))
                .isEqualTo(new ThrottleDecision.Refused(Duration.ofMinutes(5)));
    }

    @Test
    void whenBothAreLockedTheLongerWaitWins() {
        for (int i = 0; i < 20; i++) {
            throttle.recordFailure("user" + i, "a");
            clock.advance(Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("alice", "b");
        }
        // Address "a": first failure 50 s ago, 250 s left. Account alice: locked for 300 s.
        assertThat(throttle.check("alice", "a")).isEqualTo(new ThrottleDecision.Refused(Duration.ofSeconds(300)));
        assertThat(throttle.check("bob", "a")).isEqualTo(new ThrottleDecision.Refused(Duration.ofSeconds(250)));
    }

    @Test
    void memoryIsBoundedByEvictingTheLeastRecentlyFailing() {
        LoginThrottle small = new LoginThrottle(new ThrottlePolicy(new ThrottlePolicy.Limit(2, Duration.ofMinutes(5)),
                new ThrottlePolicy.Limit(100, Duration.ofMinutes(5)), 100), clock);
        small.recordFailure("victim", "x");
        small.recordFailure("victim", "x");
        assertThat(small.check("victim", "y").allowed()).isFalse();

        for (int i = 0; i < 10_000; i++) {
            small.recordFailure("flood" + i, "addr" + i);
        }

        assertThat(small.trackedKeys()).isLessThanOrEqualTo(200);
        // The cost of the bound: the oldest entries are forgotten under a flood.
        assertThat(small.check("victim", "y").allowed()).isTrue();
    }

    @Test
    void expiredEntriesAreDropped() {
        for (int i = 0; i < 1000; i++) {
            throttle.recordFailure("user" + i, "addr" + i);
        }
        assertThat(throttle.trackedKeys()).isEqualTo(2000);

        clock.advance(Duration.ofMinutes(5));
        throttle.recordFailure("late", "late");

        assertThat(throttle.trackedKeys()).isEqualTo(2);
    }

    @Test
    void checkingDoesNotCount() {
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.check("alice", "a").allowed()).isTrue();
        }
        assertThat(throttle.trackedKeys()).isZero();
    }

    @Test
    void argumentsAreValidated() {
        assertThatThrownBy(() -> throttle.check(null, "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> throttle.recordFailure("a", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> throttle.recordFailure("a".repeat(257), "b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThrottlePolicy.Limit(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThrottlePolicy.Limit(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThrottlePolicy(null, null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThrottleDecision.Refused(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle(ThrottlePolicy.DEFAULT, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
