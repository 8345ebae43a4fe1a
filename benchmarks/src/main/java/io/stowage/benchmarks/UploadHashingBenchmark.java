package io.stowage.benchmarks;

import io.stowage.oci.DigestAlgorithm;
import io.stowage.memory.MemoryBudget;
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

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

/**
 * The push path's per-byte work, as {@code UploadService} and storage-fs {@code FileAppend} do it: the request body
 * is read through a {@link DigestInputStream} (sha256, {@code DigestAlgorithm.SHA256.newMessageDigest()}) into a
 * 256 KiB heap buffer, and each read is written to the upload file at its position.
 *
 * <p>One operation is {@link #payloadMiB} MiB, so for the default of 1, ops/s is MiB/s. {@link #sourceRead} is the
 * most one read of the body returns: 8 KiB is what Jetty's default input buffer hands over per read of a plain
 * HTTP/1.1 body, 256 KiB a source that fills the whole buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UploadHashingBenchmark {

    /** FileAppend.BUFFER_SIZE. */
    static final int APPEND_BUFFER = 256 * 1024;

    @Param({"1"})
    public int payloadMiB;

    @Param({"8192", "262144"})
    public int sourceRead;

    private byte[] payload;
    private final byte[] buffer = new byte[APPEND_BUFFER];
    private final ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    private Path directory;
    private FileChannel file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        payload = Fixtures.randomBytes(payloadMiB << 20, 42);
        directory = Files.createTempDirectory("stowage-jmh-upload-");
        file = FileChannel.open(directory.resolve("upload"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        file.close();
        Files.deleteIfExists(directory.resolve("upload"));
        Files.deleteIfExists(directory);
    }

    /** MessageDigest alone, fed in pieces of {@link #sourceRead}: the floor of the push path's CPU cost. */
    @Benchmark
    public byte[] sha256() {
        MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
        for (int at = 0; at < payload.length; at += sourceRead) {
            md.update(payload, at, Math.min(sourceRead, payload.length - at));
        }
        return md.digest();
    }

    /** Hashing plus the stream plumbing (DigestInputStream into the append buffer), no file write. */
    @Benchmark
    public byte[] digestStream() throws IOException {
        DigestInputStream in = new DigestInputStream(new ChunkedInputStream(payload, sourceRead),
                DigestAlgorithm.SHA256.newMessageDigest());
        while (in.read(buffer) != -1) {
            // the bytes are only hashed
        }
        return in.getMessageDigest().digest();
    }

    /**
     * FileAppend.copy as it is: every read is written at once with a positional write of the heap buffer (which the
     * JDK copies through a temporary direct buffer), hashed on the way; no fsync, so the page cache takes the bytes.
     */
    @Benchmark
    public byte[] digestStreamToFile() throws IOException {
        DigestInputStream in = new DigestInputStream(new ChunkedInputStream(payload, sourceRead),
                DigestAlgorithm.SHA256.newMessageDigest());
        file.truncate(0);
        long end = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            wrapped.clear().limit(n);
            while (wrapped.hasRemaining()) {
                end += file.write(wrapped, end);
            }
        }
        return in.getMessageDigest().digest();
    }

    /** Like Jetty's request body stream: each read returns at most {@code chunk} bytes. */
    static final class ChunkedInputStream extends InputStream {
        private final byte[] data;
        private final int chunk;
        private int position;

        ChunkedInputStream(byte[] data, int chunk) {
            this.data = data;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), data.length - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }

    /**
     * The real {@link FileSystemObjectStore#append} of a 16 MiB upload, fsync and directory fsync included, hashed on
     * the way: what one monolithic push of a 16 MiB blob costs before the rename. Bound by the disk, so its figures
     * swing with whatever else writes to it. {@link #directWrites}: the store's whole blocks written with O_DIRECT
     * (storage.filesystem.directWrites, the default), or everything through the page cache.
     */
    @State(Scope.Thread)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public static class StoreAppend {

        @Param({"16"})
        public int payloadMiB;

        @Param({"true", "false"})
        public boolean directWrites;

        private byte[] payload;
        private Path root;
        private FileSystemObjectStore store;
        private long counter;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            payload = Fixtures.randomBytes(payloadMiB << 20, 7);
            root = Files.createTempDirectory("stowage-jmh-store-").toRealPath();
            store = FileSystemObjectStore.open(root, MemoryBudget.heap(), directWrites);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            store.close();
            Cleanup.delete(root);
        }

        @Benchmark
        public byte[] appendHashedFsync() throws IOException {
            String key = "uploads/jmh-" + counter++;
            DigestInputStream in = new DigestInputStream(new ChunkedInputStream(payload, 8192),
                    DigestAlgorithm.SHA256.newMessageDigest());
            store.append(key, in);
            store.delete(key);
            return in.getMessageDigest().digest();
        }
    }
}
