package io.stowage.http;

import io.stowage.http.metrics.Metrics;
import io.stowage.http.tls.TlsFiles;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.sqlite.SqliteMetadataStore;
import io.stowage.service.Registry;
import io.stowage.storage.ObjectStore;
import io.stowage.storage.fs.FileSystemObjectStore;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An in-process registry on the embedded backends in a temporary directory, listening on a free loopback port.
 * {@link #restart()} keeps the data, as a process restart would.
 */
public final class TestRegistry implements AutoCloseable {

    private final Path directory;
    private final Optional<TlsFiles> tls;
    private ObjectStore objects;
    private MetadataStore metadata;
    private HttpServer server;

    private TestRegistry(Path directory, Optional<TlsFiles> tls) throws Exception {
        this.directory = directory;
        this.tls = tls;
        open();
    }

    public static TestRegistry start(Path directory) throws Exception {
        return new TestRegistry(directory, Optional.empty());
    }

    /** A registry serving HTTPS (h2 and http/1.1) from the given PEM files. */
    public static TestRegistry start(Path directory, TlsFiles tls) throws Exception {
        return new TestRegistry(directory, Optional.of(tls));
    }

    /**
     * A registry in a fresh temporary directory of its own, deleted again by {@link #closeAndDelete()}: for jqwik
     * containers, which get no JUnit {@code @TempDir}.
     */
    public static TestRegistry startInTemporaryDirectory() throws Exception {
        return new TestRegistry(Files.createTempDirectory("stowage-test"), Optional.empty());
    }

    public void closeAndDelete() throws Exception {
        close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void open() throws Exception {
        objects = FileSystemObjectStore.open(directory.resolve("blobs"));
        metadata = SqliteMetadataStore.open(directory.resolve("metadata.db"));
        try {
            server = HttpServer.start("127.0.0.1", 0, Registry.over(objects, metadata, Clock.systemUTC()),
                    new Metrics(), Duration.ofSeconds(5), tls);
        } catch (Exception | Error e) {
            metadata.close();
            objects.close();
            throw e;
        }
    }

    public URI uri(String pathAndQuery) {
        return URI.create(server.scheme() + "://127.0.0.1:" + server.port() + pathAndQuery);
    }

    public HttpServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public Path directory() {
        return directory;
    }

    public ObjectStore objects() {
        return objects;
    }

    public MetadataStore metadata() {
        return metadata;
    }

    public void restart() throws Exception {
        close();
        open();
    }

    @Override
    public void close() throws Exception {
        server.close();
        metadata.close();
        objects.close();
    }
}
