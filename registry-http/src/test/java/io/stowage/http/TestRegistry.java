package io.stowage.http;

import io.stowage.http.auth.Challenge;
import io.stowage.http.metrics.Metrics;
import io.stowage.http.tls.TlsFiles;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.cache.CachingMetadataStore;
import io.stowage.metadata.sqlite.SqliteMetadataStore;
import io.stowage.security.throttle.ThrottlePolicy;
import io.stowage.security.token.Algorithm;
import io.stowage.service.Registry;
import io.stowage.service.VerifiedBlobs;
import io.stowage.service.scrub.Scrubber;
import io.stowage.service.access.AccessControl;
import io.stowage.service.access.AccessSettings;
import io.stowage.service.access.AnonymousAccess;
import io.stowage.service.access.TokenService;
import io.stowage.service.access.admin.Administration;
import io.stowage.service.gc.GarbageCollector;
import io.stowage.service.gc.OnDemandCollection;
import io.stowage.storage.ObjectStore;
import io.stowage.storage.fs.FileSystemObjectStore;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    /** The test service name and issuer of tokens. */
    public static final String SERVICE = "stowage-test";
    /** The server's default {@code storage.inlineBlobBytes}: smaller blobs pushed in one request are kept inline. */
    public static final int INLINE_BLOB_BYTES = 16 * 1024;

    private final Path directory;
    private final AccessSettings settings;
    private final Optional<TlsFiles> tls;
    private final boolean forwardedHeaders;
    private ObjectStore objects;
    private MetadataStore metadata;
    private AccessControl access;
    private Registry registry;
    private HttpServer server;

    private TestRegistry(Path directory, AccessSettings settings, Optional<TlsFiles> tls) throws Exception {
        this(directory, settings, tls, false);
    }

    private TestRegistry(Path directory, AccessSettings settings, Optional<TlsFiles> tls, boolean forwardedHeaders)
            throws Exception {
        this.forwardedHeaders = forwardedHeaders;
        this.directory = directory;
        this.settings = settings;
        this.tls = tls;
        open();
    }

    /** Open to anonymous pushes, as on loopback by default. */
    public static TestRegistry start(Path directory) throws Exception {
        return new TestRegistry(directory, accessSettings(AnonymousAccess.PUSH), Optional.empty());
    }

    /** With access control exactly as {@code settings} say. */
    public static TestRegistry start(Path directory, AccessSettings settings) throws Exception {
        return new TestRegistry(directory, settings, Optional.empty());
    }

    /** With access control as {@code anonymous} says; caches off, so grants apply at once. */
    public static TestRegistry start(Path directory, AnonymousAccess anonymous) throws Exception {
        return new TestRegistry(directory, accessSettings(anonymous), Optional.empty());
    }

    /** The settings tests run with: short tokens, no caching, the default throttle. */
    public static AccessSettings accessSettings(AnonymousAccess anonymous) {
        return new AccessSettings(anonymous, new TokenService.Settings(SERVICE, SERVICE, Duration.ofMinutes(5),
                Duration.ofDays(1), Algorithm.ES256), Duration.ZERO, true, ThrottlePolicy.DEFAULT);
    }

    /** As behind a proxy: the client address, scheme and host come from the forwarded headers. */
    public static TestRegistry startBehindProxy(Path directory, AnonymousAccess anonymous) throws Exception {
        return new TestRegistry(directory, accessSettings(anonymous), Optional.empty(), true);
    }

    /** A registry serving HTTPS (h2 and http/1.1) from the given PEM files, open to anonymous pushes. */
    public static TestRegistry start(Path directory, TlsFiles tls) throws Exception {
        return new TestRegistry(directory, accessSettings(AnonymousAccess.PUSH), Optional.of(tls));
    }

    /**
     * A registry in a fresh temporary directory of its own, deleted again by {@link #closeAndDelete()}: for jqwik
     * containers, which get no JUnit {@code @TempDir}.
     */
    public static TestRegistry startInTemporaryDirectory() throws Exception {
        return new TestRegistry(Files.createTempDirectory("stowage-test"), accessSettings(AnonymousAccess.PUSH),
                Optional.empty());
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
        // As the server wires the embedded store: manifest pulls answered through the manifest cache.
        metadata = new CachingMetadataStore(SqliteMetadataStore.open(directory.resolve("metadata.db")), 8 << 20);
        access = AccessControl.over(metadata, settings, Clock.systemUTC());
        // As the server wires it by default: small blobs pushed in one request are kept inline in the metadata store.
        registry = Registry.over(objects, metadata, Clock.systemUTC(), true, VerifiedBlobs.NONE, INLINE_BLOB_BYTES);
        // No grace period: what nothing references is collectable at once, so tests need not wait for it.
        GarbageCollector collector = new GarbageCollector(objects, metadata, Clock.systemUTC(), Duration.ZERO);
        OnDemandCollection onDemand = new OnDemandCollection(collector, metadata.leases(), "test-node",
                Duration.ofMinutes(1), Clock.systemUTC());
        try {
            server = HttpServer.start(new HttpServer.Listener("127.0.0.1", 0, Duration.ofSeconds(5), tls,
                    forwardedHeaders),
                    registry, access, Administration.over(metadata, access, onDemand,
                            new Scrubber(objects, metadata, Clock.systemUTC()), Clock.systemUTC()),
                    new Challenge(null, SERVICE), new Metrics());
        } catch (Exception | Error e) {
            registry.close();
            metadata.close();
            objects.close();
            throw e;
        }
    }

    /** Replaces the bytes of a blob kept inline, in the database file itself, as a disk error or a hand edit would. */
    public void overwriteInlineBlob(String digest, byte[] content) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("metadata.db"));
             PreparedStatement update = c.prepareStatement("UPDATE blob_contents SET content = ? WHERE digest = ?")) {
            update.setBytes(1, content);
            update.setString(2, digest);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("blob " + digest + " is not kept inline");
            }
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

    public AccessControl access() {
        return access;
    }

    /** The services, e.g. to write the pull times waiting in memory ({@code registry().pulls().flush()}). */
    public Registry registry() {
        return registry;
    }

    public void restart() throws Exception {
        close();
        open();
    }

    @Override
    public void close() throws Exception {
        server.close();
        registry.close();
        metadata.close();
        objects.close();
    }
}
