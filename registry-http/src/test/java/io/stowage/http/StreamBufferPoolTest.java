package io.stowage.http;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buffer a blob download streams through comes from the server's pool and goes back to it, instead of being a
 * new direct buffer per download whose native memory waits for a garbage collection.
 */
class StreamBufferPoolTest {

    @Test
    void aStreamBufferIsPooledAndReused(@TempDir Path dir) throws Exception {
        TestRegistry registry = TestRegistry.start(dir);
        try {
            ArrayByteBufferPool pool = (ArrayByteBufferPool) registry.server().byteBufferPool();
            assertThat(pool.poolFor(Exchange.STREAM_BUFFER, true)).isNotNull();

            RetainableByteBuffer first = pool.acquire(Exchange.STREAM_BUFFER, true);
            var firstBytes = first.getByteBuffer();
            first.release();
            RetainableByteBuffer second = pool.acquire(Exchange.STREAM_BUFFER, true);
            try {
                assertThat(second.getByteBuffer()).isSameAs(firstBytes);
            } finally {
                second.release();
            }
        } finally {
            registry.closeAndDelete();
        }
    }
}
