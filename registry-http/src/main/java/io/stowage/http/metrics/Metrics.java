package io.stowage.http.metrics;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The registry's metrics and their Prometheus text exposition. Thread-safe: updates are lock-free adders, and only
 * registration and the scrape's snapshot of the family list take a lock. Families are written in registration order.
 */
public final class Metrics {

    /** The {@code Content-Type} of {@link #writeTo(Appendable)}'s output. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Methods the API serves; anything else is folded into one label value so clients cannot invent series. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "PUT", "POST", "PATCH", "DELETE", "OPTIONS");

    private final Map<String, MetricFamily> families = new LinkedHashMap<>();
    private final Counter requests;
    private final LatencyHistogram durations;
    private final Counter bytesReceived;
    private final Counter bytesSent;

    public Metrics() {
        requests = counter("stowage_http_requests_total",
                "HTTP requests answered, by method, route and status.", "method", "route", "status");
        durations = histogram("stowage_http_request_duration_seconds",
                "Time to answer HTTP requests, by method and route.", LatencyHistogram.DEFAULT_BUCKETS, "method", "route");
        bytesReceived = counter("stowage_http_bytes_received_total", "Request body bytes read.");
        bytesSent = counter("stowage_http_bytes_sent_total", "Response body bytes written.");
    }

    /**
     * Records one answered request. {@code route} must be a low-cardinality name ("blob", "manifest", "upload"),
     * never the raw path, which would create a series per repository and digest.
     */
    public void recordRequest(String method, String route, int status, long nanos) {
        String m = method == null ? "other" : method.toUpperCase(Locale.ROOT);
        String methodLabel = KNOWN_METHODS.contains(m) ? m : "other";
        requests.inc(methodLabel, route, Integer.toString(status));
        durations.observeNanos(nanos, methodLabel, route);
    }

    public void addBytesIn(long bytes) {
        bytesReceived.add(bytes);
    }

    public void addBytesOut(long bytes) {
        bytesSent.add(bytes);
    }

    /** A counter with the given label names (none for a single series). */
    public Counter counter(String name, String help, String... labelNames) {
        return register(new Counter(name, help, labelNames));
    }

    public LatencyHistogram histogram(String name, String help, List<Duration> buckets, String... labelNames) {
        return register(new LatencyHistogram(name, help, buckets, labelNames));
    }

    /** A gauge read at every scrape; {@code supplier} must be cheap and thread-safe. */
    public void registerGauge(String name, String help, LongSupplier supplier) {
        register(new Gauge(name, help, supplier));
    }

    /** Writes every family in the Prometheus text format 0.0.4 (see {@link #CONTENT_TYPE}). */
    public void writeTo(Appendable out) throws IOException {
        List<MetricFamily> snapshot;
        synchronized (families) {
            snapshot = new ArrayList<>(families.values());
        }
        for (MetricFamily family : snapshot) {
            family.writeTo(out);
        }
    }

    private <F extends MetricFamily> F register(F family) {
        synchronized (families) {
            if (families.putIfAbsent(family.name(), family) != null) {
                throw new IllegalArgumentException("metric already registered: " + family.name());
            }
        }
        return family;
    }
}
