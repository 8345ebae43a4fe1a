package io.stowage.benchmarks;

import io.stowage.metadata.BlobRecord;
import io.stowage.metadata.sqlite.SqliteMetadataStore;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.service.BlobService;
import io.stowage.service.StorageLayout;
import io.stowage.service.VerifiedBlobs;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The pull path's copy, as registry-http {@code Exchange.stream} does it for {@code BlobHandler}: the channel that
 * {@link BlobService#openWhole} gives for the blob is read into one buffer, which is written out, until the blob's
 * length is sent. The blob is in the page cache, as a popular layer is.
 *
 * <p>One operation is a whole blob of {@link #blobMiB} MiB: MiB/s is ops/s times that. {@link #buffer} compares the
 * shipped pooled 256 KiB direct buffer with a 1 MiB one and with a heap buffer (which the JDK copies through a
 * temporary direct buffer on every read and write). {@link #sink}: {@code /dev/null} (a real write per buffer that
 * copies nothing: the read side alone), or a loopback TCP connection drained by another thread (what a client
 * costs the kernel; the drain thread takes a core of its own). {@link #verify}: {@code off} is
 * {@code storage.verifyOnRead: false} (the store's {@code FileChannel} itself); {@code hash} hashes every byte as
 * verification on read does for a blob the node has not verified; {@code remembered} is a blob the node verified
 * lately ({@link VerifiedBlobs}): two looks at the file instead of the hash.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BlobDownloadBenchmark {

    @Param({"64"})
    public int blobMiB;

    @Param({"direct-256k", "direct-1m", "heap-256k"})
    public String buffer;

    @Param({"devnull", "socket"})
    public String sink;

    @Param({"off", "hash", "remembered"})
    public String verify;

    private Path root;
    private FileSystemObjectStore store;
    private SqliteMetadataStore metadata;
    private BlobService blobs;
    private BlobRecord blob;
    private WritableByteChannel out;
    private ServerSocketChannel listener;
    private Thread drain;
    private ByteBuffer bytes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("stowage-jmh-blob-").toRealPath();
        store = FileSystemObjectStore.open(root.resolve("blobs"));
        metadata = SqliteMetadataStore.open(root.resolve("metadata.db"));
        byte[] content = Fixtures.randomBytes(blobMiB << 20, 3);
        Digest digest = Digest.of(DigestAlgorithm.SHA256, content);
        store.append(StorageLayout.blobKey(digest), new ByteArrayInputStream(content));
        blob = new BlobRecord(digest, content.length, Instant.now());
        VerifiedBlobs verified = new VerifiedBlobs(Duration.ofHours(6), 16, Clock.systemUTC());
        blobs = new BlobService(store, metadata, Clock.systemUTC(), !verify.equals("off"),
                verify.equals("remembered") ? verified : VerifiedBlobs.NONE);
        if (verify.equals("remembered")) {
            drainQuietly(blobs.openWhole(blob)); // a verified download: remembered from now on
        }
        out = switch (sink) {
            case "devnull" -> FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE);
            case "socket" -> connect();
            default -> throw new IllegalArgumentException(sink);
        };
        bytes = switch (buffer) {
            case "direct-256k" -> ByteBuffer.allocateDirect(256 * 1024);
            case "direct-1m" -> ByteBuffer.allocateDirect(1024 * 1024);
            case "heap-256k" -> ByteBuffer.allocate(256 * 1024);
            default -> throw new IllegalArgumentException(buffer);
        };
    }

    /** A loopback connection whose other end a daemon thread reads and discards, as a client would. */
    private SocketChannel connect() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        SocketChannel client = SocketChannel.open(listener.getLocalAddress());
        SocketChannel server = listener.accept();
        drain = Thread.ofPlatform().daemon().name("jmh-drain").start(() -> {
            ByteBuffer discard = ByteBuffer.allocateDirect(1024 * 1024);
            try (server) {
                while (server.read(discard.clear()) >= 0) {
                    // discard
                }
            } catch (IOException e) {
                // the benchmark closed its end
            }
        });
        return client;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        out.close();
        if (listener != null) {
            drain.join();
            listener.close();
        }
        metadata.close();
        store.close();
        Cleanup.delete(root);
    }

    /** Exchange.stream's loop over BlobService.openWhole's channel. */
    @Benchmark
    public long stream() throws IOException {
        long sent = 0;
        try (ReadableByteChannel in = blobs.openWhole(blob)) {
            long remaining = blob.size();
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
                    sent += out.write(bytes);
                }
            }
        }
        return sent;
    }

    private static void drainQuietly(ReadableByteChannel in) throws IOException {
        try (in) {
            ByteBuffer discard = ByteBuffer.allocate(1024 * 1024);
            while (in.read(discard.clear()) >= 0) {
                // read to the end, which verifies
            }
        }
    }
}
