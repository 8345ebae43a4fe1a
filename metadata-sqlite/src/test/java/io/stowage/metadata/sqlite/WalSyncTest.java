package io.stowage.metadata.sqlite;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalSyncTest {

    @Test
    void aCommitReturnsOnlyAfterASyncThatStartedAfterIt() throws Exception {
        // The syncer records the highest commit it covers: everything committed (under the write lock, as the
        // database does) before it started.
        Object writeLock = new Object();
        AtomicLong lastCommitted = new AtomicLong();
        AtomicLong coveredBySync = new AtomicLong();
        WalSync[] holder = new WalSync[1];
        WalSync sync = new WalSync(() -> {
            long covered;
            synchronized (writeLock) {
                covered = lastCommitted.get();
            }
            Thread.onSpinWait();
            coveredBySync.accumulateAndGet(covered, Math::max);
        }, () -> { });
        holder[0] = sync;
        int threads = 8;
        int commitsEach = 500;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < commitsEach; i++) {
                        long sequence;
                        synchronized (writeLock) {
                            sequence = holder[0].committed();
                            lastCommitted.set(sequence);
                        }
                        holder[0].await(sequence);
                        assertThat(coveredBySync.get()).isGreaterThanOrEqualTo(sequence);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void writersWaitingTogetherShareOneSync() throws Exception {
        int writers = 6;
        CountDownLatch allCommitted = new CountDownLatch(writers);
        CountDownLatch firstSyncStarted = new CountDownLatch(1);
        AtomicInteger syncs = new AtomicInteger();
        WalSync sync = new WalSync(() -> {
            if (syncs.incrementAndGet() == 1) {
                firstSyncStarted.countDown();
                try {
                    // Holds the first sync until every writer has committed and is waiting behind it.
                    allCommitted.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        }, () -> { });
        long first = sync.committed();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            Future<?> leader = pool.submit(() -> {
                sync.await(first);
                return null;
            });
            firstSyncStarted.await();
            allCommitted.countDown();
            List<Future<?>> followers = new ArrayList<>();
            for (int i = 1; i < writers; i++) {
                long sequence = sync.committed();
                allCommitted.countDown();
                followers.add(pool.submit(() -> {
                    sync.await(sequence);
                    return null;
                }));
            }
            leader.get(30, TimeUnit.SECONDS);
            for (Future<?> f : followers) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
        // The first sync covered only the first commit; the five that committed during it share the second.
        assertThat(syncs.get()).isEqualTo(2);
    }

    @Test
    void aFailedSyncFailsTheWaiterAndTheNextWaiterTriesAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        WalSync sync = new WalSync(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IOException("disk on fire");
            }
        }, () -> { });
        long sequence = sync.committed();
        assertThatThrownBy(() -> sync.await(sequence)).isInstanceOf(IOException.class).hasMessage("disk on fire");
        sync.await(sequence);
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void theBackgroundFlushSyncsOnlyWhenSomeCommitWasLeftUnsynced() throws Exception {
        AtomicInteger syncs = new AtomicInteger();
        WalSync sync = new WalSync(syncs::incrementAndGet, () -> { });
        sync.syncUnsynced();
        assertThat(syncs.get()).isZero();

        sync.committed();
        sync.committed();
        sync.syncUnsynced();
        assertThat(syncs.get()).isEqualTo(1);
        sync.syncUnsynced();
        assertThat(syncs.get()).as("nothing new since").isEqualTo(1);

        long third = sync.committed();
        sync.await(third);
        sync.syncUnsynced();
        assertThat(syncs.get()).as("the durable commit synced everything").isEqualTo(2);
    }
}
