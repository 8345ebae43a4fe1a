package io.stowage.security.password;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HashMemoryTest {

    @Test
    void theBudgetIsHalfTheHeapInKiB() {
        assertThat(HashMemory.budgetKiB(96L * 1024 * 1024)).isEqualTo(48 * 1024);
        assertThat(HashMemory.budgetKiB(1024)).isEqualTo(1);
        assertThat(HashMemory.budgetKiB(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aDerivationWaitsWhileTheBudgetIsTakenAndRunsOnceItIsFreed() throws Exception {
        int all = HashMemory.acquire(Integer.MAX_VALUE);
        assertThat(all).isEqualTo(HashMemory.BUDGET_KIB);
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> HashMemory.acquire(19 * 1024));
        try {
            Thread.sleep(100);
            assertThat(waiting).isNotDone();
        } finally {
            HashMemory.release(all);
        }
        int taken = waiting.get(30, TimeUnit.SECONDS);
        HashMemory.release(taken);
        assertThat(taken).isEqualTo(Math.min(19 * 1024, HashMemory.BUDGET_KIB));
    }
}
