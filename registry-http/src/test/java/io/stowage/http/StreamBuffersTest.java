package io.stowage.http;

import io.stowage.memory.MemoryBudget;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamBuffersTest {

    private static final int KIB = 1024;

    @Test
    void aDownloadGetsTheLargeBufferWhileThereIsRoomThenTheSmallOne() throws Exception {
        MemoryBudget budget = MemoryBudget.ofBytes(600 * KIB);
        StreamBuffers buffers = new StreamBuffers(new ArrayByteBufferPool(), () -> budget);
        try (StreamBuffers.Lease first = buffers.take(10L * 1024 * 1024);
             StreamBuffers.Lease second = buffers.take(10L * 1024 * 1024)) {
            assertThat(first.buffer().capacity()).isGreaterThanOrEqualTo(StreamBuffers.PREFERRED);
            assertThat(first.buffer().isDirect()).isTrue();
            assertThat(second.grant().bytes()).isEqualTo(StreamBuffers.MINIMUM);
            assertThat(budget.availableBytes()).isEqualTo(600 * KIB - StreamBuffers.PREFERRED - StreamBuffers.MINIMUM);
        }
        assertThat(budget.availableBytes()).isEqualTo(600 * KIB);
    }

    @Test
    void aSmallDownloadTakesNoMoreThanItsLength() throws Exception {
        MemoryBudget budget = MemoryBudget.ofBytes(300 * KIB);
        StreamBuffers buffers = new StreamBuffers(new ArrayByteBufferPool(), () -> budget);
        try (StreamBuffers.Lease lease = buffers.take(3000)) {
            assertThat(lease.grant().bytes()).isEqualTo(3000);
            assertThat(budget.availableBytes()).isEqualTo(297 * KIB);
        }
    }

    @Test
    void theDefaultBudgetIsHalfOfTheDirectMemory() {
        assertThat(StreamBuffers.halfOfDirectMemory().get().bytes())
                .isEqualTo(StreamBuffers.maxDirectMemory() / 2 / KIB * KIB);
        assertThat(StreamBuffers.maxDirectMemory()).isPositive();
    }
}
