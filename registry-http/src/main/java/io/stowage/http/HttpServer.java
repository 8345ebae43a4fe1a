package io.stowage.http;

import io.stowage.http.auth.Challenge;
import io.stowage.http.metrics.Metrics;
import io.stowage.service.Registry;
import io.stowage.service.access.AccessControl;
import io.stowage.service.access.admin.Administration;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Jetty 12 with the core Handler API (no servlets): selectors on platform threads, every request handled on its
 * own virtual thread with plain blocking code (blocking reads and writes give backpressure for free).
 */
public final class HttpServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private HttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts listening; a port of 0 picks a free port (see {@link #port()}). */
    public static HttpServer start(String host, int port, Registry registry, AccessControl access,
                                   Administration administration,
                                   Challenge challenge, Metrics metrics, Duration stopTimeout) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("stowage-http");
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("stowage-req-", 0).factory()));
        Server server = new Server(threads);

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
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(Duration.ofMinutes(5).toMillis());
        server.addConnector(connector);

        RegistryHandler handler = new RegistryHandler(registry, access, administration, challenge, metrics,
                () -> server.isRunning() && !server.isStopping());
        server.setHandler(new GracefulHandler(handler));
        server.setErrorHandler(new JettyErrorHandler(metrics, handler.accessLog()));
        server.setStopTimeout(stopTimeout.toMillis());
        server.start();
        return new HttpServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Stops accepting, lets in-flight requests finish (up to the stop timeout), then stops. */
    @Override
    public void close() throws Exception {
        server.stop();
    }

    public void join() throws InterruptedException {
        server.join();
    }
}
