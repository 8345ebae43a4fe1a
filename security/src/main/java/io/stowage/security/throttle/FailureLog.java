package io.stowage.security.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recent failures per key (an account or an address) under one {@link ThrottlePolicy.Limit}: a sliding window,
 * keeping at most {@code maxFailures} timestamps per key, for at most {@code capacity} keys. Not thread-safe; the
 * throttle synchronises.
 */
final class FailureLog {

    private final long maxFailures;
    private final long windowMillis;
    private final int capacity;
    // Insertion order is the order of each key's latest failure (a failure re-inserts its key), so the eldest
    // entry is always the first to expire and the first to evict.
    private final LinkedHashMap<String, Failures> entries = new LinkedHashMap<>();

    FailureLog(ThrottlePolicy.Limit limit, int capacity) {
        this.maxFailures = limit.maxFailures();
        this.windowMillis = limit.window().toMillis();
        this.capacity = capacity;
    }

    /** How long {@code key} must wait, if it has reached the limit within the window. */
    Optional<Duration> refusal(String key, Instant now) {
        Failures failures = entries.get(key);
        if (failures == null) {
            return Optional.empty();
        }
        long nowMillis = now.toEpochMilli();
        failures.dropOlderThan(nowMillis - windowMillis);
        if (failures.size == 0) {
            entries.remove(key);
            return Optional.empty();
        }
        if (failures.size < maxFailures) {
            return Optional.empty();
        }
        // The attempt is allowed again once the oldest failure in the window leaves it.
        return Optional.of(Duration.ofMillis(Math.max(1, failures.oldest() + windowMillis - nowMillis)));
    }

    void record(String key, Instant now) {
        long nowMillis = now.toEpochMilli();
        Failures failures = entries.remove(key);
        if (failures == null) {
            failures = new Failures((int) maxFailures);
        }
        failures.dropOlderThan(nowMillis - windowMillis);
        failures.add(nowMillis);
        entries.put(key, failures);
        evict(nowMillis);
    }

    void reset(String key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    private void evict(long nowMillis) {
        Iterator<Map.Entry<String, Failures>> eldest = entries.entrySet().iterator();
        while (eldest.hasNext()) {
            Failures failures = eldest.next().getValue();
            boolean expired = failures.newest() <= nowMillis - windowMillis;
            if (!expired && entries.size() <= capacity) {
                return;
            }
            eldest.remove();
        }
    }

    /** A ring of the latest failure times, in epoch milliseconds, oldest first. */
    private static final class Failures {
        private final long[] times;
        private int start;
        private int size;

        Failures(int capacity) {
            times = new long[capacity];
        }

        void add(long time) {
            if (size == times.length) {
                start = (start + 1) % times.length;
                size--;
            }
            times[(start + size) % times.length] = time;
            size++;
        }

        void dropOlderThan(long cutoff) {
            while (size > 0 && times[start] <= cutoff) {
                start = (start + 1) % times.length;
                size--;
            }
        }

        long oldest() {
            return times[start];
        }

        long newest() {
            return times[(start + size - 1) % times.length];
        }
    }
}
