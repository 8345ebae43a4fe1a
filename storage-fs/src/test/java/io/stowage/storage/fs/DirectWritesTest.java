package io.stowage.storage.fs;

import io.stowage.memory.MemoryBudget;
import io.stowage.storage.ObjectStoreContract;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Large appends write their whole blocks past the page cache and the rest through it; whatever the sizes and
 * offsets, the file holds exactly the bytes appended, and a failed append still puts the file back.
 */
class DirectWritesTest {

    private static final int KIB = 1024;

    @TempDir
    Path temp;

    @Test
    void appendsAtUnalignedOffsetsWriteTheirWholeBlocksDirectAndKeepEveryByte() throws Exception {
        FileSystemObjectStore store = FileSystemObjectStore.open(temp, MemoryBudget.ofBytes(4096 * KIB));
        assumeThat(store.writesDirect()).as("the filesystem of %s takes O_DIRECT", temp).isTrue();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();

        for (int size : List.of(1000, 1024 * KIB + 123, 3 * 1024 * KIB, 200 * KIB, 0, 129 * KIB)) {
            byte[] piece = random(size);
            expected.write(piece);
            assertThat(store.append("upload", new ByteArrayInputStream(piece))).isEqualTo(expected.size());
        }

        assertThat(Files.readAllBytes(temp.resolve("upload"))).isEqualTo(expected.toByteArray());
        assertThat(store.directlyWrittenBytes()).as("most of 4.3 MiB in whole blocks")
                .isGreaterThan(4000L * KIB).isLessThan(expected.size());
        assertThat(temp.resolve(".direct-write-probe")).as("the start-up probe is gone").doesNotExist();
    }

    @Test
    void smallAppendsAndAStoreWithoutDirectWritesGoThroughThePageCache() throws Exception {
        FileSystemObjectStore small = FileSystemObjectStore.open(temp.resolve("a"), MemoryBudget.ofBytes(4096 * KIB));
        for (int i = 0; i < 40; i++) {
            small.append("upload", new ByteArrayInputStream(random(100 * KIB)));
        }
        FileSystemObjectStore off = FileSystemObjectStore.open(temp.resolve("b"), MemoryBudget.ofBytes(4096 * KIB),
                false);
        byte[] large = random(4096 * KIB);
        off.append("upload", new ByteArrayInputStream(large));

        assertThat(small.directlyWrittenBytes()).isZero();
        assertThat(off.writesDirect()).isFalse();
        assertThat(off.directlyWrittenBytes()).isZero();
        assertThat(Files.readAllBytes(temp.resolve("b/upload"))).isEqualTo(large);
    }

    @Test
    void appendsReuseOneBufferAndWriteCachedWhenAllAreTaken() throws Exception {
        DirectWrites direct = DirectWrites.ofBlockSize(4096);
        FileSystemObjectStore store = FileSystemObjectStore.open(temp, MemoryBudget.ofBytes(4096 * KIB), direct);
        assumeThat(DirectWrites.probe(temp).enabled()).as("the filesystem of %s takes O_DIRECT", temp).isTrue();
        byte[] first = random(3 * 1024 * KIB);
        for (int i = 0; i < 3; i++) {
            store.append("upload-" + i, new ByteArrayInputStream(first));
        }
        assertThat(direct.buffersAllocated()).as("one buffer, taken and given back by each append").isEqualTo(1);
        long before = store.directlyWrittenBytes();

        List<ByteBuffer> taken = new ArrayList<>();
        for (ByteBuffer b; (b = direct.takeBuffer()) != null; ) {
            taken.add(b);
        }
        byte[] second = random(2 * 1024 * KIB + 5);
        store.append("upload-3", new ByteArrayInputStream(second));
        taken.forEach(direct::giveBack);

        assertThat(taken).hasSize(DirectWrites.MAX_BUFFERS);
        assertThat(store.directlyWrittenBytes()).as("nothing direct without a buffer").isEqualTo(before);
        assertThat(Files.readAllBytes(temp.resolve("upload-3"))).isEqualTo(second);
        assertThat(Files.readAllBytes(temp.resolve("upload-2"))).isEqualTo(first);
    }

    /** The JDK refuses a direct write that is not aligned to the filesystem's own block size, as a kernel would. */
    @Test
    void aRefusedDirectWriteGoesThroughThePageCacheInstead() throws Exception {
        FileSystemObjectStore store = FileSystemObjectStore.open(temp, MemoryBudget.ofBytes(4096 * KIB),
                DirectWrites.ofBlockSize(512));
        byte[] head = random(512);
        byte[] large = random(2048 * KIB);

        store.append("upload", new ByteArrayInputStream(head));
        assertThat(store.append("upload", new ByteArrayInputStream(large))).isEqualTo(512 + large.length);

        assertThat(store.directlyWrittenBytes()).isZero();
        assertThat(Files.readAllBytes(temp.resolve("upload"))).startsWith(head).endsWith(large);
    }

    @Test
    void aSourceThatFailsHalfwayLeavesTheFileAsItWasAfterDirectWrites() throws Exception {
        FileSystemObjectStore store = FileSystemObjectStore.open(temp, MemoryBudget.ofBytes(4096 * KIB));
        byte[] first = random(1024 * KIB + 7);
        store.append("upload", new ByteArrayInputStream(first));
        InputStream failing = ObjectStoreContract.failingAfter(1536 * KIB, new IOException("client went away"));

        assertThatThrownBy(() -> store.append("upload", failing)).hasMessage("client went away");

        assertThat(Files.readAllBytes(temp.resolve("upload"))).isEqualTo(first);
    }

    @Property(tries = 40)
    void anySequenceOfAppendsHoldsExactlyTheBytesAppended(@ForAll("sizes") List<Integer> sizes) throws IOException {
        Path root = Files.createTempDirectory("stowage-direct");
        try {
            FileSystemObjectStore store = FileSystemObjectStore.open(root, MemoryBudget.ofBytes(4096 * KIB));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (int size : sizes) {
                byte[] piece = random(size);
                expected.write(piece);
                assertThat(store.append("upload", new ByteArrayInputStream(piece))).isEqualTo(expected.size());
            }
            assertThat(Files.readAllBytes(root.resolve("upload"))).isEqualTo(expected.toByteArray());
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> sizes() {
        Arbitrary<Integer> size = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 8 * KIB),
                Arbitraries.integers().between(120 * KIB, 300 * KIB),
                Arbitraries.integers().between(512 * KIB, 1200 * KIB));
        return size.list().ofMinSize(1).ofMaxSize(6);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size * 31L + 7).nextBytes(bytes);
        return bytes;
    }
}
