package io.stowage.benchmarks;

import io.stowage.storage.fs.FileSystemObjectStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * The pull path's copy, as registry-http {@code Exchange.stream} does it for {@code BlobHandler}: the blob's channel
 * from the object store ({@link FileSystemObjectStore#readChannel}, a {@code FileChannel}) is read into one buffer,
 * which is written out, until the blob's length is sent. Here the response is {@code /dev/null} (a real channel
 * write per buffer, no network), and the blob is in the page cache, as a popular layer is.
 *
 * <p>One operation is a whole blob of {@link #blobMiB} MiB: MiB/s is ops/s times that. {@link #buffer} compares the
 * shipped pooled 256 KiB direct buffer with a 1 MiB one and with a heap buffer (which the JDK copies through a
 * temporary direct buffer on every read and write).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BlobDownloadBenchmark {

    private static final String KEY = "blobs/sha256/ab/jmh";

    @Param({"64"})
    public int blobMiB;

    @Param({"direct-256k", "direct-1m", "heap-256k"})
    public String buffer;

    private Path root;
    private FileSystemObjectStore store;
    private FileChannel sink;
    private ByteBuffer bytes;
    private long length;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("stowage-jmh-blob-").toRealPath();
        store = FileSystemObjectStore.open(root);
        length = store.append(KEY, new ByteArrayInputStream(Fixtures.randomBytes(blobMiB << 20, 3)));
        sink = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE);
        bytes = switch (buffer) {
            case "direct-256k" -> ByteBuffer.allocateDirect(256 * 1024);
            case "direct-1m" -> ByteBuffer.allocateDirect(1024 * 1024);
            case "heap-256k" -> ByteBuffer.allocate(256 * 1024);
            default -> throw new IllegalArgumentException(buffer);
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        sink.close();
        store.close();
        Cleanup.delete(root);
    }

    /** Exchange.stream's loop. */
    @Benchmark
    public long stream() throws IOException {
        long sent = 0;
        try (ReadableByteChannel in = store.readChannel(KEY, 0)) {
            long remaining = length;
            while (remaining > 0) {
                bytes.clear().limit((int) Math.min(bytes.capacity(), remaining));
                while (bytes.hasRemaining()) {
                    if (in.read(bytes) < 0) {
                        throw new IllegalStateException("blob ended early");
                    }
                }
                bytes.flip();
                remaining -= bytes.remaining();
                while (bytes.hasRemaining()) {
                    sent += sink.write(bytes);
                }
            }
        }
        return sent;
    }
}
