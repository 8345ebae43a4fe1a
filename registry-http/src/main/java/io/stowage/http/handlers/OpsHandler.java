package io.stowage.http.handlers;

import io.stowage.http.Exchange;
import io.stowage.http.Readiness;
import io.stowage.http.metrics.Metrics;

import java.nio.charset.StandardCharsets;

/** Liveness, readiness and Prometheus metrics, outside the /v2/ API. */
public final class OpsHandler {

    private final Metrics metrics;
    private final Readiness readiness;

    public OpsHandler(Metrics metrics, Readiness readiness) {
        this.metrics = metrics;
        this.readiness = readiness;
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
}
