package io.stowage.benchmarks;

import io.stowage.metadata.sqlite.SqliteMetadataStore;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.RepositoryName;
import io.stowage.service.Registry;
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
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A small blob pushed whole in one request ({@code UploadService.uploadMonolithic}), durable when it returns, on the
 * embedded default (SQLite and files under {@code java.io.tmpdir}, so run it with that on a real disk, e.g.
 * {@code -jvmArgsAppend -Djava.io.tmpdir=/var/tmp}): {@code inline} keeps the blob in the metadata store
 * ({@code storage.inlineBlobBytes}), {@code file} in the object store (a file written, synced and renamed, its
 * directory synced). Every operation pushes a new blob (distinct bytes), as the kit's small-push does; one thread,
 * so each push waits for its own sync.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SmallBlobPushBenchmark {

    private static final RepositoryName REPOSITORY = RepositoryName.parse("bench/small");

    @Param({"4096"})
    public int blobBytes;

    @Param({"inline", "file"})
    public String storage;

    private Path root;
    private FileSystemObjectStore objects;
    private SqliteMetadataStore metadata;
    private Registry registry;
    private byte[] content;
    private long counter;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("stowage-jmh-small-").toRealPath();
        objects = FileSystemObjectStore.open(root.resolve("blobs"));
        metadata = SqliteMetadataStore.open(root.resolve("metadata.db"));
        long inlineLimit = storage.equals("inline") ? blobBytes : 0;
        registry = Registry.over(objects, metadata, Clock.systemUTC(), true, VerifiedBlobs.NONE, inlineLimit);
        content = Fixtures.randomBytes(blobBytes, 11);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        registry.close();
        metadata.close();
        objects.close();
        Cleanup.delete(root);
    }

    @Benchmark
    public Digest push() throws IOException {
        ByteBuffer.wrap(content).putLong(0, ++counter);
        Digest digest = Digest.of(DigestAlgorithm.SHA256, content);
        return registry.uploads().uploadMonolithic(REPOSITORY, digest, new ByteArrayInputStream(content),
                OptionalLong.of(content.length));
    }
}
