package io.stowage.http;

import io.stowage.http.admin.AdminHandler;
import io.stowage.http.auth.Challenge;
import io.stowage.http.auth.Credentials;
import io.stowage.http.auth.RouteAccess;
import io.stowage.http.handlers.BlobHandler;
import io.stowage.http.handlers.TokenHandler;
import io.stowage.http.handlers.ListingHandler;
import io.stowage.http.handlers.ManifestHandler;
import io.stowage.http.handlers.OpsHandler;
import io.stowage.http.handlers.UploadHandler;
import io.stowage.http.metrics.Metrics;
import io.stowage.http.routing.Route;
import io.stowage.http.routing.Router;
import io.stowage.oci.error.RegistryException;
import io.stowage.service.access.AccessControl;
import io.stowage.service.access.Caller;
import io.stowage.service.access.ClientInfo;
import io.stowage.service.access.admin.Administration;
import io.stowage.service.Registry;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Jetty entry point: gives each request an id, routes it, runs its handler (blocking, on a virtual thread),
 * hands any failure to the {@link ErrorMapper}, and records the access-log line and metrics.
 */
public final class RegistryHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHandler.class);

    public static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private final BlobHandler blobs;
    private final UploadHandler uploads;
    private final ManifestHandler manifests;
    private final ListingHandler listings;
    private final OpsHandler ops;
    private final TokenHandler tokens;
    private final AdminHandler admin;
    private final AccessControl access;
    private final RouteAccess routeAccess;
    private final Challenge challenge;
    private final AuditRecorder audit;
    private final Metrics metrics;
    private final AccessLog accessLog = new AccessLog();
    private final StreamBuffers buffers;

    RegistryHandler(Registry registry, AccessControl access, Administration administration,
                    Challenge challenge, Metrics metrics, Readiness readiness, StreamBuffers buffers) {
        super(InvocationType.BLOCKING);
        this.buffers = buffers;
        this.blobs = new BlobHandler(registry.blobs());
        this.uploads = new UploadHandler(registry.uploads(), registry.blobs(), access);
        this.manifests = new ManifestHandler(registry.manifests());
        this.listings = new ListingHandler(registry.listings(), access);
        this.ops = new OpsHandler(metrics, readiness);
        this.tokens = new TokenHandler(access);
        this.admin = new AdminHandler(administration);
        this.access = access;
        this.routeAccess = new RouteAccess(access);
        this.challenge = challenge;
        this.audit = new AuditRecorder(access.audit());
        this.metrics = metrics;
    }

    /** Shared with the Jetty error handler, which logs the requests this handler never sees. */
    AccessLog accessLog() {
        return accessLog;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long started = System.nanoTime();
        String requestId = newRequestId();
        // Each request runs on its own virtual thread: naming it after the request id puts the id on every log line
        // written while serving it, error lines included.
        Thread.currentThread().setName("req-" + requestId);
        response.getHeaders().put(REQUEST_ID_HEADER, requestId);
        response.getHeaders().put(API_VERSION_HEADER, "registry/2.0");
        Exchange exchange = new Exchange(request, response, requestId, buffers);
        String routeName = "unknown";
        Route route = null;
        Throwable failure = null;
        try {
            route = Router.match(exchange.path());
            routeName = route.name();
            authenticate(route, exchange);
            dispatch(route, exchange);
            if (!exchange.isCompleted()) {
                exchange.send(200);
            }
        } catch (Throwable t) {
            failure = t;
        }
        if (failure != null) {
            failure = respondWithError(exchange, failure, challenge);
        }
        if (route != null) {
            recordAudit(route, exchange);
        }
        long bytesIn = Request.getContentBytesRead(request);
        long duration = System.nanoTime() - started;
        metrics.recordRequest(exchange.method(), routeName, exchange.status(), duration);
        metrics.addBytesIn(bytesIn);
        metrics.addBytesOut(exchange.bytesOut());
        accessLog.log(exchange, bytesIn, duration, failure);
        if (failure == null) {
            callback.succeeded();
        } else {
            callback.failed(failure);
        }
        return true;
    }

    /** Returns the failure still to report to Jetty (the response could not carry it), or null. */
    /** Who is calling, and whether they may call this endpoint at all; the handlers check nothing of it again. */
    private void authenticate(Route route, Exchange exchange) {
        if (route instanceof Route.Health || route instanceof Route.Ready || route instanceof Route.MetricsRoute
                || route instanceof Route.Token || route instanceof Route.Jwks) {
            return;
        }
        Caller caller = switch (Credentials.parse(exchange.header("Authorization"))) {
            case Credentials.None n -> Caller.ANONYMOUS;
            case Credentials.Basic b -> {
                try {
                    yield access.login(b.username(), b.password(),
                            new ClientInfo(exchange.clientAddress(), exchange.header("User-Agent")));
                } finally {
                    Arrays.fill(b.password(), '\0');
                }
            }
            case Credentials.Bearer b -> access.bearer(b.token());
        };
        exchange.authenticatedAs(caller);
        routeAccess.check(route, exchange.method(), caller);
    }

    private void recordAudit(Route route, Exchange exchange) {
        try {
            audit.record(route, exchange);
        } catch (RuntimeException e) {
            LOG.error("request {}: could not write its audit event", exchange.requestId(), e);
        }
    }

    private static Throwable respondWithError(Exchange exchange, Throwable failure, Challenge challenge) {
        if (exchange.isCommitted()) {
            // Part of a body is out: the only honest signal left is to abort the connection.
            return failure;
        }
        if (!(failure instanceof RegistryException)) {
            exchange.resetForError();
            // The reset dropped every header, these too; they belong on every response, a 500 above all.
            exchange.setHeader(REQUEST_ID_HEADER, exchange.requestId());
            exchange.setHeader(API_VERSION_HEADER, "registry/2.0");
        }
        try {
            ErrorMapper.write(exchange, failure, challenge);
            return null;
        } catch (Throwable writeFailure) {
            failure.addSuppressed(writeFailure);
            return failure;
        }
    }

    private void dispatch(Route route, Exchange exchange) throws Exception {
        switch (route) {
            case Route.Base b -> ops.base(exchange);
            case Route.Catalog c -> listings.catalog(exchange);
            case Route.TagList t -> listings.tags(t, exchange);
            case Route.Manifest m -> manifests.handle(m, exchange);
            case Route.Blob b -> blobs.handle(b, exchange);
            case Route.UploadStart u -> uploads.start(u, exchange);
            case Route.Upload u -> uploads.session(u, exchange);
            case Route.Referrers r -> listings.referrers(r, exchange);
            case Route.Health h -> ops.health(exchange);
            case Route.Ready r -> ops.ready(exchange);
            case Route.MetricsRoute m -> ops.metrics(exchange);
            case Route.Token t -> tokens.handle(exchange);
            case Route.Jwks j -> ops.jwks(exchange, access.tokens().jwks());
            case Route.Admin a -> admin.handle(a, exchange);
        }
    }

    /** 128 random bits in hex: unique enough to find one request in the logs. Shared with the Jetty error handler. */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
