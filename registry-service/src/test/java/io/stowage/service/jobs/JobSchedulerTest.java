package io.stowage.service.jobs;

import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.sqlite.SqliteMetadataStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two schedulers on one metadata store stand for two nodes: a job runs on one of them at a time, and on the other
 * once the first is gone. Intervals are short so the test is quick; only ordering is asserted, never durations.
 */
class JobSchedulerTest {

    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private MetadataStore metadata;

    @BeforeEach
    void open() {
        metadata = SqliteMetadataStore.open(dir.resolve("metadata.db"));
    }

    @AfterEach
    void close() {
        metadata.close();
    }

    @Test
    void aJobRunsOnOneNodeAtATimeAndMovesOnWhenThatNodeStops() throws Exception {
        CountingJob job = new CountingJob();
        JobScheduler first = new JobScheduler(metadata.leases(), Clock.systemUTC(), "node-1");
        JobScheduler second = new JobScheduler(metadata.leases(), Clock.systemUTC(), "node-2");
        first.schedule(job.on("node-1"), INTERVAL);
        second.schedule(job.on("node-2"), INTERVAL);
        try {
            await(() -> job.rounds() >= 10);
            assertThat(job.nodes()).as("only the lease holder ran it").hasSize(1);
            String holder = job.nodes().iterator().next();

            JobScheduler running = holder.equals("node-1") ? first : second;
            running.close();
            job.clearNodes();
            await(() -> !job.nodes().isEmpty());

            assertThat(job.nodes()).doesNotContain(holder);
        } finally {
            first.close();
            second.close();
        }
        assertThat(job.maxConcurrent()).as("rounds never overlapped").isEqualTo(1);
    }

    @Test
    void aNodeThatDiesWithItsLeaseIsReplacedOnceTheLeaseLapses() throws Exception {
        CountingJob job = new CountingJob();
        // The dead node: it took the lease and will never renew or release it.
        assertThat(metadata.leases().acquire(job.name(), "dead-node", Clock.systemUTC().instant(),
                INTERVAL.multipliedBy(3))).isTrue();
        JobScheduler survivor = new JobScheduler(metadata.leases(), Clock.systemUTC(), "survivor");
        survivor.schedule(job.on("survivor"), INTERVAL);
        try {
            await(() -> job.rounds() >= 1);
        } finally {
            survivor.close();
        }
        assertThat(job.nodes()).containsExactly("survivor");
        assertThat(metadata.leases().find(job.name())).as("released on close").isEmpty();
    }

    @Test
    void aFailingRoundDoesNotStopTheJob() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        BackgroundJob failing = new BackgroundJob() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public String runOnce() {
                attempts.incrementAndGet();
                throw new IllegalStateException("boom");
            }
        };
        JobScheduler scheduler = new JobScheduler(metadata.leases(), Clock.systemUTC(), "node");
        scheduler.schedule(failing, INTERVAL);
        try {
            await(() -> attempts.get() >= 3);
        } finally {
            scheduler.close();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in " + PATIENCE);
            }
            Thread.sleep(10);
        }
    }

    /** One job seen from every node: records which node ran each round and how many rounds overlapped. */
    private static final class CountingJob {
        static final String NAME = "counting";
        private final AtomicInteger rounds = new AtomicInteger();
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger maxConcurrent = new AtomicInteger();
        private final Set<String> nodes = ConcurrentHashMap.newKeySet();

        String name() {
            return NAME;
        }

        /** The job as {@code node} schedules it. */
        BackgroundJob on(String node) {
            return new BackgroundJob() {
                @Override
                public String name() {
                    return NAME;
                }

                @Override
                public String runOnce() throws InterruptedException {
                    maxConcurrent.accumulateAndGet(running.incrementAndGet(), Math::max);
                    nodes.add(node);
                    Thread.sleep(5);
                    running.decrementAndGet();
                    rounds.incrementAndGet();
                    return null;
                }
            };
        }

        int rounds() {
            return rounds.get();
        }

        int maxConcurrent() {
            return maxConcurrent.get();
        }

        Set<String> nodes() {
            return nodes;
        }

        void clearNodes() {
            nodes.clear();
        }
    }
}
