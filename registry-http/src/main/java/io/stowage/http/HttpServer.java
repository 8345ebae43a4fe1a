package io.stowage.http;

import io.stowage.http.auth.Challenge;
import io.stowage.http.metrics.Metrics;
import io.stowage.http.tls.CertificateReloader;
import io.stowage.http.tls.TlsFiles;
import io.stowage.memory.MemoryBudget;
import io.stowage.service.Registry;
import io.stowage.service.access.AccessControl;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import io.stowage.service.access.admin.Administration;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Jetty 12 with the core Handler API (no servlets): selectors on platform threads, every request handled on its
 * own virtual thread with plain blocking code (blocking reads and writes give backpressure for free).
 *
 * <p>One connector: plain HTTP/1.1, or with {@link TlsFiles} HTTPS only, where ALPN offers HTTP/2 ({@code h2}) and
 * HTTP/1.1 over TLS 1.2 or 1.3, and the certificate is reloaded when its files change ({@link CertificateReloader}).
 */
public final class HttpServer implements AutoCloseable {

    private static final String ALPN_H2 = "h2";
    private static final String ALPN_HTTP_1_1 = "http/1.1";

    private final Server server;
    private final ServerConnector connector;
    /** Null without TLS. */
    private final CertificateReloader reloader;

    private HttpServer(Server server, ServerConnector connector, CertificateReloader reloader) {
        this.server = server;
        this.connector = connector;
        this.reloader = reloader;
    }

    /**
     * Starts listening; a port of 0 picks a free port (see {@link #port()}). With {@code tls} the connector speaks
     * HTTPS only (h2 and http/1.1); without it, plain HTTP/1.1.
     *
     * @throws io.stowage.http.tls.TlsFilesException when the TLS files cannot be used
     */
    public static HttpServer start(Listener listener, Registry registry, AccessControl access,
                                   Administration administration, Challenge challenge, Metrics metrics)
            throws Exception {
        String host = listener.host();
        int port = listener.port();
        Optional<TlsFiles> tls = listener.tls();
        Duration stopTimeout = listener.stopTimeout();
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("stowage-http");
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("stowage-req-", 0).factory()));
        // Jetty's default pool keeps buffers of up to 64 KiB only: each download's stream buffer would be a new
        // direct buffer, whose native memory waits for a garbage collection to be freed (about 20 MiB more peak RSS
        // measured under 4 parallel large pulls). Pooled up to that size, downloads reuse them; what the pool keeps
        // idle is bounded by Jetty (an eighth of the heap's maximum).
        Server server = new Server(threads, null, new ArrayByteBufferPool(0, 0, StreamBuffers.PREFERRED));

        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(true);
        config.setRequestHeaderSize(64 * 1024);
        config.setOutputBufferSize(64 * 1024);
        // Empty segments ("/v2/name//manifests/x", a name with a trailing slash) are let through to the router, which
        // answers NAME_INVALID: the name is what is wrong, and Jetty's own refusal would not say so. Every other
        // ambiguous form (encoded dots and slashes, path parameters) is still refused by Jetty.
        config.setUriCompliance(UriCompliance.DEFAULT.with("STOWAGE", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        config.setHttpCompliance(HttpCompliance.RFC9110);
        if (listener.forwardedHeaders()) {
            // Behind a trusted proxy: the client address, scheme and host come from Forwarded / X-Forwarded-*, so
            // the login throttle sees clients rather than the proxy, and challenges name the public URL.
            config.addCustomizer(new ForwardedRequestCustomizer());
        }
        CertificateReloader reloader = tls.isPresent() ? CertificateReloader.open(tls.get(), metrics) : null;
        ServerConnector connector = reloader == null ? new ServerConnector(server, new HttpConnectionFactory(config))
                : tlsConnector(server, config, reloader);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(Duration.ofMinutes(5).toMillis());
        server.addConnector(connector);

        Supplier<MemoryBudget> downloadMemory = StreamBuffers.halfOfDirectMemory();
        metrics.registerGauge("stowage_direct_transfer_memory_free_bytes",
                "Direct memory for download buffers not taken right now",
                () -> downloadMemory.get().availableBytes());
        metrics.registerGauge("stowage_direct_transfer_waiting", "Downloads waiting for buffer memory",
                () -> downloadMemory.get().waiting());
        RegistryHandler handler = new RegistryHandler(registry, access, administration, challenge, metrics,
                () -> server.isRunning() && !server.isStopping(),
                new StreamBuffers(server.getByteBufferPool(), downloadMemory));
        server.setHandler(new GracefulHandler(handler));
        server.setErrorHandler(new JettyErrorHandler(metrics, handler.accessLog()));
        server.setStopTimeout(stopTimeout.toMillis());
        try {
            server.start();
        } catch (Exception | Error e) {
            if (reloader != null) {
                reloader.close();
            }
            throw e;
        }
        if (reloader != null) {
            reloader.startWatching();
        }
        return new HttpServer(server, connector, reloader);
    }

    /**
     * Where and how to listen.
     *
     * @param port             0 picks a free port
     * @param stopTimeout      how long in-flight requests may take to finish on close
     * @param tls              HTTPS from these files, or plain HTTP
     * @param forwardedHeaders whether to believe a proxy's {@code Forwarded}/{@code X-Forwarded-*} headers; only
     *                         behind a proxy that sets them, since any client could send them otherwise
     */
    public record Listener(String host, int port, Duration stopTimeout, Optional<TlsFiles> tls,
                           boolean forwardedHeaders) {
    }

    /**
     * TLS, then ALPN choosing h2 or http/1.1 (http/1.1 for clients that send no ALPN), both on the same request
     * handling. SNI host checking stays off: clients that connect to an IP address send no SNI at all.
     */
    private static ServerConnector tlsConnector(Server server, HttpConfiguration plain, CertificateReloader reloader) {
        HttpConfiguration config = new HttpConfiguration(plain);
        config.setSecureScheme("https");
        config.addCustomizer(new SecureRequestCustomizer(false));
        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
        // ALPN's own protocol ids: Jetty names the HTTP/1.1 factory "HTTP/1.1", which a client offering "http/1.1"
        // (curl --http1.1, Python) would not match, failing its handshake. Factories are found case-insensitively.
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(ALPN_H2, ALPN_HTTP_1_1);
        alpn.setDefaultProtocol(ALPN_HTTP_1_1);
        SslConnectionFactory tls = new SslConnectionFactory(reloader.sslContextFactory(), alpn.getProtocol());
        return new ServerConnector(server, tls, alpn, h2, http11);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The pool the connections and {@link Exchange#stream} take their buffers from. */
    ByteBufferPool byteBufferPool() {
        return server.getByteBufferPool();
    }

    /** {@code https} with TLS, else {@code http}. */
    public String scheme() {
        return reloader == null ? "http" : "https";
    }

    /** The application protocols offered, preferred first: {@code h2} and {@code http/1.1} with TLS. */
    public List<String> protocols() {
        return reloader == null ? List.of(ALPN_HTTP_1_1) : List.of(ALPN_H2, ALPN_HTTP_1_1);
    }

    /** Stops watching the TLS files, stops accepting, lets in-flight requests finish (up to the stop timeout), stops. */
    @Override
    public void close() throws Exception {
        try {
            if (reloader != null) {
                reloader.close();
            }
        } finally {
            server.stop();
        }
    }

    public void join() throws InterruptedException {
        server.join();
    }
}
