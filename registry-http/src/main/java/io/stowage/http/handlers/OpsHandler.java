package io.stowage.http.handlers;

import io.stowage.http.Exchange;
import io.stowage.http.Readiness;
import io.stowage.http.metrics.Metrics;

import java.nio.charset.StandardCharsets;

/** The API base (end-1), and liveness, readiness and Prometheus metrics outside the /v2/ API. */
public final class OpsHandler {

    private final Metrics metrics;
    private final Readiness readiness;

    public OpsHandler(Metrics metrics, Readiness readiness) {
        this.metrics = metrics;
        this.readiness = readiness;
    }

    /** end-1: the API version check clients make first. */
    public void base(Exchange exchange) throws Exception {
        if (!"GET".equals(exchange.method()) && !exchange.isHead()) {
            throw Methods.notAllowed(exchange, "GET, HEAD");
        }
        exchange.send(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    }

    public void health(Exchange exchange) throws Exception {
        exchange.send(200, "text/plain; charset=utf-8", "ok\n".getBytes(StandardCharsets.UTF_8));
    }

    public void ready(Exchange exchange) throws Exception {
        boolean ready = readiness.isReady();
        exchange.send(ready ? 200 : 503, "text/plain; charset=utf-8",
                (ready ? "ready\n" : "not ready\n").getBytes(StandardCharsets.UTF_8));
    }

    public void metrics(Exchange exchange) throws Exception {
        StringBuilder text = new StringBuilder(8192);
        metrics.writeTo(text);
        exchange.send(200, "text/plain; version=0.0.4; charset=utf-8", text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The token-signing keys' public halves, for anyone who wants to verify this registry's tokens. */
    public void jwks(Exchange exchange, String jwks) throws Exception {
        if (!"GET".equals(exchange.method()) && !exchange.isHead()) {
            throw Methods.notAllowed(exchange, "GET, HEAD");
        }
        exchange.send(200, "application/jwk-set+json", jwks.getBytes(StandardCharsets.UTF_8));
    }
}
