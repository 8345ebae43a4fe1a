package io.stowage.memory;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryBudgetTest {

    private static final int KIB = 1024;

    @Test
    void grantsThePreferredSizeWhileHalfTheBudgetStaysFreeThenTheMinimum() throws Exception {
        MemoryBudget budget = MemoryBudget.ofBytes(1200 * KIB);
        try (MemoryBudget.Grant first = budget.take(256 * KIB, 16 * KIB);
             MemoryBudget.Grant second = budget.take(256 * KIB, 16 * KIB);
             MemoryBudget.Grant third = budget.take(256 * KIB, 16 * KIB)) {
            assertThat(first.bytes()).isEqualTo(256 * KIB);
            assertThat(second.bytes()).isEqualTo(256 * KIB);
            // a third large one would leave 432 KiB of 1200 free, less than half
            assertThat(third.bytes()).isEqualTo(16 * KIB);
            assertThat(budget.availableBytes()).isEqualTo((1200 - 256 - 256 - 16) * KIB);
            // the half kept back still serves small buffers
            try (MemoryBudget.Grant small = budget.take(256 * KIB, 16 * KIB)) {
                assertThat(small.bytes()).isEqualTo(16 * KIB);
            }
        }
        assertThat(budget.availableBytes()).isEqualTo(1200 * KIB);
    }

    @Test
    void sizesAreCountedInWholeKibRoundedUp() throws Exception {
        MemoryBudget budget = MemoryBudget.ofBytes(10 * KIB + 1000);
        assertThat(budget.bytes()).isEqualTo(10 * KIB);
        try (MemoryBudget.Grant grant = budget.take(1)) {
            assertThat(grant.bytes()).isEqualTo(1);
            assertThat(budget.availableBytes()).isEqualTo(9 * KIB);
        }
    }

    @Test
    void waitsWhenEvenTheMinimumIsTakenAndGoesOnWhenItIsGivenBack() throws Exception {
        MemoryBudget budget = MemoryBudget.ofBytes(32 * KIB);
        MemoryBudget.Grant all = budget.take(32 * KIB);
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> bytesOf(budget, 64 * KIB, 16 * KIB));
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        all.close();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(16 * KIB);
    }

    @Test
    void aWaitingTransferIsServedBeforeALaterOneThatWouldFit() throws Exception {
        MemoryBudget budget = MemoryBudget.ofBytes(64 * KIB);
        MemoryBudget.Grant big = budget.take(48 * KIB);
        // Needs 32 KiB, only 16 are free: it queues.
        CompletableFuture<MemoryBudget.Grant> waiter = CompletableFuture.supplyAsync(() -> grant(budget, 32 * KIB));
        while (budget.waiting() == 0) {
            Thread.onSpinWait();
        }
        // 16 KiB are free and would fit, but taking them would jump the queue: the later one waits too.
        CompletableFuture<Integer> later = CompletableFuture.supplyAsync(() -> bytesOf(budget, 16 * KIB, 8 * KIB));
        Thread.sleep(100);
        assertThat(later).isNotDone();
        big.close();
        try (MemoryBudget.Grant first = waiter.get(10, TimeUnit.SECONDS)) {
            assertThat(first.bytes()).isEqualTo(32 * KIB);
            // served after it, with its minimum: its preferred 16 KiB would leave less than half free
            assertThat(later.get(10, TimeUnit.SECONDS)).isEqualTo(8 * KIB);
        }
    }

    @Test
    void aRequestLargerThanTheWholeBudgetRunsAlone() throws Exception {
        MemoryBudget budget = MemoryBudget.ofBytes(8 * KIB);
        try (MemoryBudget.Grant grant = budget.take(1024 * KIB)) {
            assertThat(grant.bytes()).isEqualTo(1024 * KIB);
            assertThat(budget.availableBytes()).isZero();
        }
        assertThat(budget.availableBytes()).isEqualTo(8 * KIB);
    }

    @Test
    void aPreferredSizeOverHalfTheBudgetIsNeverGranted() throws Exception {
        MemoryBudget budget = MemoryBudget.ofBytes(500 * KIB);
        try (MemoryBudget.Grant grant = budget.take(256 * KIB, 16 * KIB)) {
            assertThat(grant.bytes()).isEqualTo(16 * KIB);
            assertThat(budget.availableBytes()).isEqualTo(484 * KIB);
        }
    }

    @Test
    void closingTwiceGivesBackOnce() throws Exception {
        MemoryBudget budget = MemoryBudget.ofBytes(64 * KIB);
        MemoryBudget.Grant grant = budget.take(16 * KIB);
        grant.close();
        grant.close();
        assertThat(budget.availableBytes()).isEqualTo(64 * KIB);
    }

    @Test
    void anInterruptedWaitFailsAsIoAndKeepsTheInterrupt() throws Exception {
        MemoryBudget budget = MemoryBudget.ofBytes(8 * KIB);
        try (MemoryBudget.Grant all = budget.take(8 * KIB)) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> budget.take(4 * KIB)).isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(budget.availableBytes()).isEqualTo(8 * KIB);
    }

    @Test
    void refusesMeaninglessSizes() {
        assertThatThrownBy(() -> MemoryBudget.ofBytes(0)).isInstanceOf(IllegalArgumentException.class);
        MemoryBudget budget = MemoryBudget.ofBytes(8 * KIB);
        assertThatThrownBy(() -> budget.take(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> budget.take(4 * KIB, 8 * KIB)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHeapBudgetIsAQuarterOfTheHeap() {
        assertThat(MemoryBudget.heap().bytes()).isEqualTo(Runtime.getRuntime().maxMemory() / 4 / KIB * KIB);
    }

    /** Many threads taking and giving back at random: never more out than the budget, and nobody stuck. */
    @Property(tries = 30)
    void concurrentTransfersNeverHoldMoreThanTheBudget(@ForAll @IntRange(min = 80, max = 512) int budgetKiB,
                                                        @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 600) Integer> preferredKiB)
            throws Exception {
        MemoryBudget budget = MemoryBudget.ofBytes((long) budgetKiB * KIB);
        AtomicInteger out = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> transfers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int preferred : preferredKiB) {
                int minimum = Math.max(1, preferred / 8);
                transfers.add(threads.submit(() -> {
                    start.await();
                    try (MemoryBudget.Grant grant = budget.take(preferred * KIB, minimum * KIB)) {
                        int held = Math.ceilDiv(grant.bytes(), KIB);
                        assertThat(held).isLessThanOrEqualTo(budgetKiB);
                        most.accumulateAndGet(out.addAndGet(held), Math::max);
                        Thread.sleep(1);
                        out.addAndGet(-held);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> transfer : transfers) {
                transfer.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(most.get()).isLessThanOrEqualTo(budgetKiB);
        assertThat(budget.availableBytes()).isEqualTo((long) budgetKiB * KIB);
    }

    private static int bytesOf(MemoryBudget budget, int preferred, int minimum) {
        try (MemoryBudget.Grant grant = budget.take(preferred, minimum)) {
            return grant.bytes();
        } catch (InterruptedIOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MemoryBudget.Grant grant(MemoryBudget budget, int bytes) {
        try {
            return budget.take(bytes);
        } catch (InterruptedIOException e) {
            throw new IllegalStateException(e);
        }
    }
}
