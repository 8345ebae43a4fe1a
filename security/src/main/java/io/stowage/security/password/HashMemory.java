package io.stowage.security.password;

import java.util.concurrent.Semaphore;

/**
 * The share of the heap that memory-hard password derivations may hold at once: half of the maximum heap, counted
 * in KiB. A derivation takes as many permits as it needs memory (at most the whole budget, so one larger than the
 * budget still runs, alone), and later ones wait. Without it, a burst of logins on a small heap (the shipped default
 * is 96 MiB, and each Argon2id check takes 19 MiB) ends in an {@link OutOfMemoryError} instead of a short queue.
 */
final class HashMemory {

    static final int BUDGET_KIB = budgetKiB(Runtime.getRuntime().maxMemory());

    private static final Semaphore PERMITS = new Semaphore(BUDGET_KIB, true);

    private HashMemory() {
    }

    /** Blocks until {@code memoryKiB} (cut to the budget) is free; returns the permits to give back. */
    static int acquire(int memoryKiB) {
        int permits = Math.clamp(memoryKiB, 1, BUDGET_KIB);
        PERMITS.acquireUninterruptibly(permits);
        return permits;
    }

    static void release(int permits) {
        PERMITS.release(permits);
    }

    static int budgetKiB(long maxHeapBytes) {
        long half = maxHeapBytes == Long.MAX_VALUE ? Integer.MAX_VALUE : maxHeapBytes / 2 / 1024;
        return (int) Math.clamp(half, 1, Integer.MAX_VALUE);
    }
}
