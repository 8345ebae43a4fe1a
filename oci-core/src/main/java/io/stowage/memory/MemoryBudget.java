package io.stowage.memory;

import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Memory that transfers in flight may hold at once, in buffers they take from here and give back when done. Each
 * request streams through a buffer of its own, so without a bound the memory of a burst of concurrent pushes or pulls
 * grows with their number: on the shipped 96 MiB heap a few hundred slow clients were enough for an
 * {@link OutOfMemoryError} and failed requests. With it, a transfer takes the buffer it prefers while there is room,
 * a smaller one when there is not (more system calls, the same result), and only waits when even that is taken.
 * Large buffers only ever take half of the budget, so the other half always serves small ones.
 *
 * <p>Counted in KiB so that budgets up to terabytes fit a {@link Semaphore}. The semaphore is fair: a transfer that
 * waits is served before later ones take what is freed, so none waits forever behind a stream of newcomers.
 */
public final class MemoryBudget {

    private static final int KIB = 1024;

    /** A share of the heap for transfers: a quarter, as password hashes may take half (see the security module). */
    private static final MemoryBudget HEAP = ofBytes(Runtime.getRuntime().maxMemory() == Long.MAX_VALUE
            ? Long.MAX_VALUE : Runtime.getRuntime().maxMemory() / 4);

    private final Semaphore permits;
    private final int totalKiB;

    private MemoryBudget(int totalKiB) {
        this.totalKiB = totalKiB;
        this.permits = new Semaphore(totalKiB, true);
    }

    /** A budget of {@code bytes}, rounded down to whole KiB (at least one, at most {@link Integer#MAX_VALUE} KiB). */
    public static MemoryBudget ofBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a memory budget must be positive: " + bytes);
        }
        return new MemoryBudget((int) Math.clamp(bytes / KIB, 1, Integer.MAX_VALUE));
    }

    /** The process's budget for transfer buffers on the heap: a quarter of the maximum heap. */
    public static MemoryBudget heap() {
        return HEAP;
    }

    /** The whole budget in bytes. */
    public long bytes() {
        return (long) totalKiB * KIB;
    }

    /** What is not taken right now, in bytes; for tests and metrics, stale as soon as it is read. */
    public long availableBytes() {
        return (long) permits.availablePermits() * KIB;
    }

    /**
     * Takes {@code preferred} bytes when they are free now, nobody waits before us and at least half of the budget
     * would stay free; otherwise waits for {@code minimum}. The half kept back is what lets a burst of slow clients
     * still start at once on small buffers instead of queueing behind the first few on large ones. Both sizes are
     * rounded up to whole KiB. A preferred size larger than the whole budget is never granted; a minimum larger than
     * the whole budget is, once the whole budget is free, so such a transfer still runs, alone. The grant's
     * {@link Grant#bytes()} is what the caller may allocate.
     *
     * @throws InterruptedIOException when the thread is interrupted while waiting (its interrupt status is kept)
     */
    public Grant take(int preferred, int minimum) throws InterruptedIOException {
        if (minimum <= 0 || preferred < minimum) {
            throw new IllegalArgumentException("need 0 < minimum <= preferred: " + minimum + ", " + preferred);
        }
        long preferredKiB = Math.ceilDiv((long) preferred, KIB);
        int minimumKiB = (int) Math.min(Math.ceilDiv((long) minimum, KIB), totalKiB);
        try {
            // Zero wait rather than tryAcquire(n): the timed form honours fairness, so it does not jump the queue.
            if (preferred > minimum && permits.availablePermits() - preferredKiB >= totalKiB / 2
                    && permits.tryAcquire((int) preferredKiB, 0, TimeUnit.NANOSECONDS)) {
                return new Grant(this, (int) preferredKiB, preferred);
            }
            permits.acquire(minimumKiB);
            return new Grant(this, minimumKiB, minimum);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException failure = new InterruptedIOException("interrupted while waiting for buffer memory");
            failure.initCause(e);
            throw failure;
        }
    }

    /** {@link #take(int, int)} of exactly {@code bytes}. */
    public Grant take(int bytes) throws InterruptedIOException {
        return take(bytes, bytes);
    }

    /** About how many transfers wait for memory now; for metrics. */
    public int waiting() {
        return permits.getQueueLength();
    }

    /** Memory taken from a budget; closing gives it back, once. Not for sharing between threads. */
    public static final class Grant implements AutoCloseable {

        private final MemoryBudget budget;
        private final int kib;
        private final int bytes;
        private boolean closed;

        private Grant(MemoryBudget budget, int kib, int bytes) {
            this.budget = budget;
            this.kib = kib;
            this.bytes = bytes;
        }

        /** The bytes granted: the preferred or the minimum size asked for. */
        public int bytes() {
            return bytes;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                budget.permits.release(kib);
            }
        }
    }
}
