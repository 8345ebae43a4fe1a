package io.stowage.service.jobs;

import io.stowage.metadata.LeaseIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs background jobs every interval, each on one node at a time. Before every round a node takes (or renews) the
 * job's lease in the metadata store; the other nodes find it held and skip the round. A lease lasts three intervals,
 * so when its node dies another takes the job over within a few intervals, with no coordination service. While a
 * round runs longer than an interval, the lease is renewed alongside it.
 */
public final class JobScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    private static final int LEASE_INTERVALS = 3;

    private final LeaseIndex leases;
    private final Clock clock;
    private final String node;
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private volatile boolean stopped;

    /** @param node this node's identity as a lease holder; unique per process */
    public JobScheduler(LeaseIndex leases, Clock clock, String node) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.node = Objects.requireNonNull(node, "node");
    }

    /** Runs {@code job} every {@code interval}, the first round one interval from now. */
    public synchronized void schedule(BackgroundJob job, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("job " + job.name() + " needs a positive interval");
        }
        names.add(job.name());
        threads.add(Thread.ofVirtual().name("job-" + job.name()).start(() -> loop(job, interval)));
    }

    /** How long a job's lease lasts, for a job run every {@code interval}. */
    public static Duration leaseFor(Duration interval) {
        return interval.multipliedBy(LEASE_INTERVALS);
    }

    private void loop(BackgroundJob job, Duration interval) {
        Duration lease = leaseFor(interval);
        boolean holding = false;
        while (!stopped) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            try {
                boolean acquired = leases.acquire(job.name(), node, clock.instant(), lease);
                if (acquired != holding) {
                    LOG.info("job {}: {}", job.name(), acquired ? "this node runs it" : "another node runs it");
                    holding = acquired;
                }
                if (acquired) {
                    runRound(job, interval, lease);
                }
            } catch (RuntimeException e) {
                // The metadata store may be briefly unreachable; the next round tries again.
                LOG.warn("job {}: round failed: {}", job.name(), e.toString());
            }
        }
    }

    private void runRound(BackgroundJob job, Duration interval, Duration lease) {
        Thread renewal = Thread.ofVirtual().name("job-" + job.name() + "-lease").start(() -> {
            while (true) {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
                if (!leases.acquire(job.name(), node, clock.instant(), lease)) {
                    LOG.warn("job {}: lost its lease while running", job.name());
                }
            }
        });
        try {
            String summary = job.runOnce();
            if (summary != null) {
                LOG.info("job {}: {}", job.name(), summary);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("job {}: round failed", job.name(), e);
        } finally {
            renewal.interrupt();
        }
    }

    /** Stops every job after its current round and gives up the leases, so another node can go on at once. */
    @Override
    public synchronized void close() {
        stopped = true;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (String name : names) {
            try {
                leases.release(name, node);
            } catch (RuntimeException e) {
                LOG.debug("job {}: could not release its lease: {}", name, e.toString());
            }
        }
    }
}
