package io.stowage.service.lifecycle;

import io.stowage.metadata.ActivityIndex;
import io.stowage.metadata.Pull;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Records pulls without making a pull a database write. A pull only updates an in-memory map (the newest pull time
 * per repository, manifest and tag); a background thread writes what is due every {@code flushInterval}, in one
 * transaction per thousand. A key is written at most once per {@code minInterval}: a key written less than that ago
 * waits in memory (keeping only its newest time) until it is due, so a manifest pulled 10,000 times a minute costs
 * one row update a minute per node, and the stored time is never more than {@code minInterval} plus
 * {@code flushInterval} behind the newest pull. The store keeps the later of the stored and the written time, so
 * nodes flushing in any order agree.
 *
 * <p>What is lost: pulls not yet written when the process dies (at most the last {@code minInterval} of them;
 * {@link #close} writes everything pending), and pulls beyond {@value #MAX_PENDING} distinct keys waiting at once
 * (when the database is unreachable for long), which are counted in {@link #dropped()}. Pull times are for lifecycle
 * decisions (retention, "not pulled for 90 days"), where minutes do not matter.
 *
 * <p>The flushing thread is a virtual thread that runs only while pulls are waiting, so an idle registry (or a test
 * that never closes its recorder) has no thread.
 */
public final class PullRecorder implements AutoCloseable {

    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofMinutes(1);
    /** Distinct keys waiting at most; more are dropped rather than growing the heap while the database is down. */
    static final int MAX_PENDING = 100_000;
    private static final int BATCH = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(PullRecorder.class);

    private record Key(RepositoryName repository, Digest manifest, Tag tag) {
    }

    private final ActivityIndex index;
    private final Clock clock;
    private final Duration flushInterval;
    private final long minIntervalMillis;
    /** Newest pull time (epoch millis) of each key not written yet. */
    private final Map<Key, Long> pending = new ConcurrentHashMap<>();
    /** When each key was last written (epoch millis), for keys written within the last {@code minInterval}. */
    private final Map<Key, Long> written = new ConcurrentHashMap<>();
    private final ReentrantLock flushing = new ReentrantLock();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private volatile boolean failing;
    private volatile boolean closed;
    private volatile Thread flusher;

    public PullRecorder(ActivityIndex index, Clock clock) {
        this(index, clock, DEFAULT_FLUSH_INTERVAL, DEFAULT_MIN_INTERVAL);
    }

    public PullRecorder(ActivityIndex index, Clock clock, Duration flushInterval, Duration minInterval) {
        this.index = Objects.requireNonNull(index, "index");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (flushInterval.isNegative() || flushInterval.isZero() || minInterval.isNegative()) {
            throw new IllegalArgumentException("the flush interval is positive and the minimum interval not negative");
        }
        this.flushInterval = flushInterval;
        this.minIntervalMillis = minInterval.toMillis();
    }

    /** Notes a pull of {@code manifest}, through {@code tag} (null: by digest). Cheap; never touches the database. */
    public void record(RepositoryName repository, Digest manifest, Tag tag) {
        if (closed) {
            return;
        }
        Key key = new Key(Objects.requireNonNull(repository, "repository"),
                Objects.requireNonNull(manifest, "manifest"), tag);
        long now = clock.millis();
        if (pending.size() >= MAX_PENDING && !pending.containsKey(key)) {
            dropped.incrementAndGet();
            return;
        }
        pending.merge(key, now, Math::max);
        if (!running.get() && running.compareAndSet(false, true)) {
            flusher = Thread.ofVirtual().name("pull-recorder").start(this::loop);
        }
    }

    /**
     * Writes the pulls that are due (their key not written within the minimum interval); returns how many keys it
     * wrote. The background thread calls this; tests may too.
     */
    public int flush() {
        return flush(false);
    }

    /** Pulls dropped because too many keys were waiting. */
    public long dropped() {
        return dropped.get();
    }

    /** Keys written to the store so far. */
    public long recorded() {
        return recorded.get();
    }

    /** Keys waiting to be written. */
    public int pending() {
        return pending.size();
    }

    private int flush(boolean everything) {
        flushing.lock();
        try {
            long now = clock.millis();
            List<Key> keys = new ArrayList<>();
            List<Pull> pulls = new ArrayList<>();
            for (Key key : pending.keySet()) {
                Long last = written.get(key);
                if (everything || last == null || now - last >= minIntervalMillis) {
                    Long at = pending.remove(key);
                    if (at != null) {
                        keys.add(key);
                        pulls.add(new Pull(key.repository(), key.manifest(), key.tag(), Instant.ofEpochMilli(at)));
                    }
                }
            }
            int done = 0;
            boolean failed = false;
            for (int from = 0; from < pulls.size(); from += BATCH) {
                int to = Math.min(pulls.size(), from + BATCH);
                try {
                    index.recordPulls(pulls.subList(from, to));
                } catch (RuntimeException e) {
                    // Put back what was not written (a newer pull may have arrived meanwhile: keep the newest).
                    for (int i = from; i < pulls.size(); i++) {
                        pending.merge(keys.get(i), pulls.get(i).at().toEpochMilli(), Math::max);
                    }
                    if (!failing) {
                        failing = true;
                        LOG.warn("pull times could not be recorded; retrying every {}", flushInterval, e);
                    }
                    failed = true;
                    break;
                }
                for (int i = from; i < to; i++) {
                    written.put(keys.get(i), now);
                }
                done += to - from;
            }
            if (done > 0 && !failed && failing) {
                failing = false;
                LOG.info("pull times are recorded again");
            }
            recorded.addAndGet(done);
            // A key written a minimum interval ago no longer holds anything back.
            written.values().removeIf(at -> now - at >= minIntervalMillis);
            return done;
        } finally {
            flushing.unlock();
        }
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(flushInterval);
            } catch (InterruptedException e) {
                return;
            }
            try {
                flush(false);
            } catch (RuntimeException e) {
                LOG.warn("pull recorder: flush failed", e);
            }
            if (pending.isEmpty()) {
                running.set(false);
                // A pull that arrived after the check and saw the thread still running is not left behind.
                if (pending.isEmpty() || !running.compareAndSet(false, true)) {
                    return;
                }
            }
        }
    }

    /** Stops the thread and writes every pull still waiting, due or not. Later pulls are ignored. */
    @Override
    public void close() {
        closed = true;
        Thread thread = flusher;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            flush(true);
        } catch (RuntimeException e) {
            LOG.warn("pull recorder: the last pull times could not be recorded", e);
        }
    }
}
