package io.stowage.http;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.stowage.memory.MemoryBudget;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;

import java.io.InterruptedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * The direct buffers that blob downloads stream through, within a budget of direct memory. Every download holds its
 * buffer for as long as its client takes to read, so hundreds of slow pulls at once (a fleet of nodes starting the
 * same image) would otherwise exhaust the JVM's direct memory, which by default is as large as the heap: measured on
 * the shipped 96 MiB heap, 800 parallel slow pulls of one blob failed 429 of them with an {@link OutOfMemoryError}.
 * Within the budget a download gets {@link #PREFERRED} bytes while there is room, {@link #MINIMUM} when there is not
 * (more system calls for the same bytes), and waits only when even that is taken.
 */
final class StreamBuffers {

    /** Larger ones were measured (1, 2 and 4 MiB): no less CPU per byte served, and more memory per download. */
    static final int PREFERRED = 256 * 1024;
    static final int MINIMUM = 16 * 1024;

    private final ByteBufferPool pool;
    private final Supplier<MemoryBudget> budget;

    StreamBuffers(ByteBufferPool pool, Supplier<MemoryBudget> budget) {
        this.pool = pool;
        this.budget = budget;
    }

    /**
     * Half of the JVM's direct memory; the rest is left to Jetty's own buffers and what its pool keeps idle. Read
     * on first use, not at start-up: the management bean that knows the limit takes about 20 ms to load.
     */
    static Supplier<MemoryBudget> halfOfDirectMemory() {
        return new Supplier<>() {
            private MemoryBudget budget;

            @Override
            public synchronized MemoryBudget get() {
                if (budget == null) {
                    budget = MemoryBudget.ofBytes(maxDirectMemory() / 2);
                }
                return budget;
            }
        };
    }

    /** {@code -XX:MaxDirectMemorySize}, or the maximum heap when it is not set (the JVM's own default). */
    static long maxDirectMemory() {
        long heap = Runtime.getRuntime().maxMemory();
        try {
            long set = Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("MaxDirectMemorySize").getValue());
            return set > 0 ? set : heap;
        } catch (RuntimeException e) {
            return heap;
        }
    }

    /** A buffer for a download of {@code length} bytes (at least one), waiting for memory when there is none. */
    Lease take(long length) throws InterruptedIOException {
        int preferred = (int) Math.min(PREFERRED, length);
        MemoryBudget.Grant grant = budget.get().take(preferred, Math.min(MINIMUM, preferred));
        try {
            return new Lease(grant, pool.acquire(grant.bytes(), true));
        } catch (RuntimeException | Error e) {
            grant.close();
            throw e;
        }
    }

    /** A pooled buffer with the memory it was granted; closing gives back both. */
    record Lease(MemoryBudget.Grant grant, RetainableByteBuffer pooled) implements AutoCloseable {

        ByteBuffer buffer() {
            return pooled.getByteBuffer();
        }

        @Override
        public void close() {
            try {
                pooled.release();
            } finally {
                grant.close();
            }
        }
    }
}
