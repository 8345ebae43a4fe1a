package io.stowage.storage.fs;

import io.stowage.memory.MemoryBudget;
import io.stowage.storage.ObjectStoreContract;
import io.stowage.storage.ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Appends take their buffer from the store's memory budget, and give it back whatever happens. */
class FileAppendMemoryTest {

    private static final int KIB = 1024;

    @TempDir
    Path temp;

    @Test
    void anAppendMakesDoWithTheSmallBufferWhenTheBudgetIsShort() throws Exception {
        MemoryBudget memory = MemoryBudget.ofBytes(300 * KIB);
        byte[] content = random(1024 * KIB);
        try (ObjectStore store = FileSystemObjectStore.open(temp, memory);
             MemoryBudget.Grant others = memory.take(200 * KIB)) {
            Paused source = new Paused(content, 100 * KIB);
            CompletableFuture<Long> append = CompletableFuture.supplyAsync(() -> append(store, "upload", source));
            assertThat(source.reached.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(memory.availableBytes()).isEqualTo((300 - 200 - FileAppend.MINIMUM_BUFFER_SIZE / KIB) * KIB);

            source.resume.countDown();
            assertThat(append.get(10, TimeUnit.SECONDS)).isEqualTo(content.length);
        }
        assertThat(Files.readAllBytes(temp.resolve("upload"))).isEqualTo(content);
        assertThat(memory.availableBytes()).isEqualTo(300 * KIB);
    }

    @Test
    void anAppendWaitsForMemoryAndGoesOnWhenItIsGivenBack() throws Exception {
        MemoryBudget memory = MemoryBudget.ofBytes(16 * KIB);
        byte[] content = random(64 * KIB);
        try (ObjectStore store = FileSystemObjectStore.open(temp, memory)) {
            MemoryBudget.Grant all = memory.take(16 * KIB);
            CompletableFuture<Long> append = CompletableFuture.supplyAsync(
                    () -> append(store, "upload", new ByteArrayInputStream(content)));
            Thread.sleep(200);
            assertThat(append).isNotDone();
            assertThat(temp.resolve("upload")).as("nothing opened while waiting").doesNotExist();

            all.close();
            assertThat(append.get(10, TimeUnit.SECONDS)).isEqualTo(content.length);
        }
        assertThat(Files.readAllBytes(temp.resolve("upload"))).isEqualTo(content);
    }

    @Test
    void aFailedAppendGivesItsBufferBack() throws Exception {
        MemoryBudget memory = MemoryBudget.ofBytes(512 * KIB);
        try (ObjectStore store = FileSystemObjectStore.open(temp, memory)) {
            InputStream failing = ObjectStoreContract.failingAfter(300 * KIB, new IOException("client went away"));

            assertThatThrownBy(() -> store.append("upload", failing)).hasMessage("client went away");
        }
        assertThat(memory.availableBytes()).isEqualTo(512 * KIB);
    }

    private static long append(ObjectStore store, String key, InputStream data) {
        try {
            return store.append(key, data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** Serves its content, stopping once at {@code pauseAt} until told to go on. */
    private static final class Paused extends InputStream {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        private final byte[] content;
        private final int pauseAt;
        private int position;

        Paused(byte[] content, int pauseAt) {
            this.content = content;
            this.pauseAt = pauseAt;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position == pauseAt) {
                reached.countDown();
                try {
                    resume.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (position == content.length) {
                return -1;
            }
            int end = position < pauseAt ? pauseAt : content.length;
            int n = Math.min(len, end - position);
            System.arraycopy(content, position, b, off, n);
            position += n;
            return n;
        }
    }
}
