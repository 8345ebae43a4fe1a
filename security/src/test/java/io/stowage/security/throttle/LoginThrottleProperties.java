package io.stowage.security.throttle;

import io.stowage.security.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle against a naive model that keeps every failure forever and counts the window each time. */
class LoginThrottleProperties {

    private static final ThrottlePolicy POLICY = new ThrottlePolicy(new ThrottlePolicy.Limit(3, Duration.ofSeconds(60)),
            new ThrottlePolicy.Limit(5, Duration.ofSeconds(90)), 1000);

    sealed interface Step {
        record Fail(String account, String address) implements Step {
        }

        record Succeed(String account) implements Step {
        }

        record Wait(int seconds) implements Step {
        }

        record Check(String account, String address) implements Step {
        }
    }

    @Property(tries = 500)
    void decisionsMatchTheModel(@ForAll("scripts") List<Step> script) {
        MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
        LoginThrottle throttle = new LoginThrottle(POLICY, clock);
        Map<String, List<Instant>> accounts = new HashMap<>();
        Map<String, List<Instant>> addresses = new HashMap<>();

        for (Step step : script) {
            switch (step) {
                case Step.Fail f -> {
                    throttle.recordFailure(f.account(), f.address());
                    accounts.computeIfAbsent(f.account(), k -> new ArrayList<>()).add(clock.instant());
                    addresses.computeIfAbsent(f.address(), k -> new ArrayList<>()).add(clock.instant());
                }
                case Step.Succeed s -> {
                    throttle.recordSuccess(s.account());
                    accounts.remove(s.account());
                }
                case Step.Wait w -> clock.advance(Duration.ofSeconds(w.seconds()));
                case Step.Check c -> assertThat(throttle.check(c.account(), c.address())).isEqualTo(expected(
                        accounts.getOrDefault(c.account(), List.of()), addresses.getOrDefault(c.address(), List.of()),
                        clock.instant()));
            }
        }
    }

    /** Refused while the window holds the limit's number of failures, until the oldest of them leaves it. */
    private static ThrottleDecision expected(List<Instant> accountFailures, List<Instant> addressFailures,
                                             Instant now) {
        Duration wait = Duration.ZERO;
        wait = max(wait, waitFor(accountFailures, POLICY.perAccount(), now));
        wait = max(wait, waitFor(addressFailures, POLICY.perAddress(), now));
        return wait.isZero() ? ThrottleDecision.ALLOWED : new ThrottleDecision.Refused(wait);
    }

    private static Duration waitFor(List<Instant> failures, ThrottlePolicy.Limit limit, Instant now) {
        List<Instant> inWindow = failures.stream().filter(t -> t.plus(limit.window()).isAfter(now)).toList();
        if (inWindow.size() < limit.maxFailures()) {
            return Duration.ZERO;
        }
        // Of the failures in the window, the one whose leaving brings the count below the limit.
        Instant pivot = inWindow.get(inWindow.size() - limit.maxFailures());
        return Duration.between(now, pivot.plus(limit.window()));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<String> account = Arbitraries.of("alice", "bob", "carol");
        Arbitrary<String> address = Arbitraries.of("a1", "a2");
        Arbitrary<Step> fail = Combinators.combine(account, address).as(Step.Fail::new);
        Arbitrary<Step> check = Combinators.combine(account, address).as(Step.Check::new);
        Arbitrary<Step> succeed = account.map(Step.Succeed::new);
        Arbitrary<Step> wait = Arbitraries.integers().between(1, 40).map(Step.Wait::new);
        return Arbitraries.frequencyOf(
                Tuple.of(5, fail), Tuple.of(5, check),
                Tuple.of(1, succeed), Tuple.of(3, wait)).list().ofMaxSize(60);
    }
}
