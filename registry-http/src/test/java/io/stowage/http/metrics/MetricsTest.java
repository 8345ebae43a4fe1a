package io.stowage.http.metrics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsTest {

    private static final long MS = 1_000_000L;

    @Test
    void exposesRequestsLatenciesBytesAndGauges() throws IOException {
        Metrics metrics = new Metrics();
        AtomicLong uploads = new AtomicLong(3);
        metrics.registerGauge("stowage_uploads_open", "Upload sessions in progress.", uploads::get);

        metrics.recordRequest("GET", "blob", 200, 3 * MS);
        metrics.recordRequest("get", "blob", 200, 5 * MS);
        metrics.recordRequest("PUT", "upload", 201, 20_000 * MS);
        metrics.recordRequest("BREW", "blob", 405, 1);
        metrics.addBytesIn(10);
        metrics.addBytesOut(7);
        metrics.addBytesOut(5);
        uploads.set(4);

        assertThat(render(metrics)).isEqualTo("""
                # HELP stowage_http_requests_total HTTP requests answered, by method, route and status.
                # TYPE stowage_http_requests_total counter
                stowage_http_requests_total{method="GET",route="blob",status="200"} 2
                stowage_http_requests_total{method="PUT",route="upload",status="201"} 1
                stowage_http_requests_total{method="other",route="blob",status="405"} 1
                # HELP stowage_http_request_duration_seconds Time to answer HTTP requests, by method and route.
                # TYPE stowage_http_request_duration_seconds histogram
                stowage_http_request_duration_seconds_bucket{method="GET",route="blob",le="0.005"} 2
                stowage_http_request_duration_seconds_bucket{method="GET",route="blob",le="0.01"} 2
                stowage_http_request_duration_seconds_bucket{method="GET",route="blob",le="0.025"} 2
                stowage_http_request_duration_seconds_bucket{method="GET",route="blob",le="0.05"} 2
                stowage_http_request_duration_seconds_bucket{method="GET",route="blob",le="0.1"} 2
                stowage_http_request_duration_seconds_bucket{method="GET",route="blob",le="0.25"} 2
                stowage_http_request_duration_seconds_bucket{method="GET",route="blob",le="0.5"} 2
                stowage_http_request_duration_seconds_bucket{method="GET",route="blob",le="1"} 2
                stowage_http_request_duration_seconds_bucket{method="GET",route="blob",le="2.5"} 2
                stowage_http_request_duration_seconds_bucket{method="GET",route="blob",le="5"} 2
                stowage_http_request_duration_seconds_bucket{method="GET",route="blob",le="10"} 2
                stowage_http_request_duration_seconds_bucket{method="GET",route="blob",le="+Inf"} 2
                stowage_http_request_duration_seconds_sum{method="GET",route="blob"} 0.008
                stowage_http_request_duration_seconds_count{method="GET",route="blob"} 2
                stowage_http_request_duration_seconds_bucket{method="PUT",route="upload",le="0.005"} 0
                stowage_http_request_duration_seconds_bucket{method="PUT",route="upload",le="0.01"} 0
                stowage_http_request_duration_seconds_bucket{method="PUT",route="upload",le="0.025"} 0
                stowage_http_request_duration_seconds_bucket{method="PUT",route="upload",le="0.05"} 0
                stowage_http_request_duration_seconds_bucket{method="PUT",route="upload",le="0.1"} 0
                stowage_http_request_duration_seconds_bucket{method="PUT",route="upload",le="0.25"} 0
                stowage_http_request_duration_seconds_bucket{method="PUT",route="upload",le="0.5"} 0
                stowage_http_request_duration_seconds_bucket{method="PUT",route="upload",le="1"} 0
                stowage_http_request_duration_seconds_bucket{method="PUT",route="upload",le="2.5"} 0
                stowage_http_request_duration_seconds_bucket{method="PUT",route="upload",le="5"} 0
                stowage_http_request_duration_seconds_bucket{method="PUT",route="upload",le="10"} 0
                stowage_http_request_duration_seconds_bucket{method="PUT",route="upload",le="+Inf"} 1
                stowage_http_request_duration_seconds_sum{method="PUT",route="upload"} 20
                stowage_http_request_duration_seconds_count{method="PUT",route="upload"} 1
                stowage_http_request_duration_seconds_bucket{method="other",route="blob",le="0.005"} 1
                stowage_http_request_duration_seconds_bucket{method="other",route="blob",le="0.01"} 1
                stowage_http_request_duration_seconds_bucket{method="other",route="blob",le="0.025"} 1
                stowage_http_request_duration_seconds_bucket{method="other",route="blob",le="0.05"} 1
                stowage_http_request_duration_seconds_bucket{method="other",route="blob",le="0.1"} 1
                stowage_http_request_duration_seconds_bucket{method="other",route="blob",le="0.25"} 1
                stowage_http_request_duration_seconds_bucket{method="other",route="blob",le="0.5"} 1
                stowage_http_request_duration_seconds_bucket{method="other",route="blob",le="1"} 1
                stowage_http_request_duration_seconds_bucket{method="other",route="blob",le="2.5"} 1
                stowage_http_request_duration_seconds_bucket{method="other",route="blob",le="5"} 1
                stowage_http_request_duration_seconds_bucket{method="other",route="blob",le="10"} 1
                stowage_http_request_duration_seconds_bucket{method="other",route="blob",le="+Inf"} 1
                stowage_http_request_duration_seconds_sum{method="other",route="blob"} 0.000000001
                stowage_http_request_duration_seconds_count{method="other",route="blob"} 1
                # HELP stowage_http_bytes_received_total Request body bytes read.
                # TYPE stowage_http_bytes_received_total counter
                stowage_http_bytes_received_total 10
                # HELP stowage_http_bytes_sent_total Response body bytes written.
                # TYPE stowage_http_bytes_sent_total counter
                stowage_http_bytes_sent_total 12
                # HELP stowage_uploads_open Upload sessions in progress.
                # TYPE stowage_uploads_open gauge
                stowage_uploads_open 4
                """);
    }

    @Test
    void aFreshRegistryShowsZeroBytesAndNoRequestSeries() throws IOException {
        assertThat(render(new Metrics())).isEqualTo("""
                # HELP stowage_http_requests_total HTTP requests answered, by method, route and status.
                # TYPE stowage_http_requests_total counter
                # HELP stowage_http_request_duration_seconds Time to answer HTTP requests, by method and route.
                # TYPE stowage_http_request_duration_seconds histogram
                # HELP stowage_http_bytes_received_total Request body bytes read.
                # TYPE stowage_http_bytes_received_total counter
                stowage_http_bytes_received_total 0
                # HELP stowage_http_bytes_sent_total Response body bytes written.
                # TYPE stowage_http_bytes_sent_total counter
                stowage_http_bytes_sent_total 0
                """);
    }

    @Test
    void bucketCountsAreCumulativeAndBoundsInclusive() throws IOException {
        Metrics metrics = new Metrics();
        LatencyHistogram histogram = metrics.histogram("gc_seconds", "Pauses.",
                List.of(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100)), "kind");

        for (long nanos : new long[]{0, MS, MS + 1, 10 * MS, 99 * MS, 100 * MS, 100 * MS + 1, -5}) {
            histogram.observeNanos(nanos, "young");
        }

        StringBuilder out = new StringBuilder();
        histogram.writeTo(out);
        assertThat(out.toString()).isEqualTo("""
                # HELP gc_seconds Pauses.
                # TYPE gc_seconds histogram
                gc_seconds_bucket{kind="young",le="0.001"} 3
                gc_seconds_bucket{kind="young",le="0.01"} 5
                gc_seconds_bucket{kind="young",le="0.1"} 7
                gc_seconds_bucket{kind="young",le="+Inf"} 8
                gc_seconds_sum{kind="young"} 0.311000002
                gc_seconds_count{kind="young"} 8
                """);
        assertThat(histogram.count("young")).isEqualTo(8);
        assertThat(histogram.count("old")).isZero();
    }

    @Test
    void labelValuesAndHelpAreEscaped() throws IOException {
        Metrics metrics = new Metrics();
        Counter counter = metrics.counter("odd_total", "Back\\slash and\nnewline, \"quotes\" kept.", "value");
        counter.inc("a\"b\\c\nd");
        counter.add(2, "plain");

        StringBuilder out = new StringBuilder();
        counter.writeTo(out);
        assertThat(out.toString()).isEqualTo("""
                # HELP odd_total Back\\\\slash and\\nnewline, "quotes" kept.
                # TYPE odd_total counter
                odd_total{value="a\\"b\\\\c\\nd"} 1
                odd_total{value="plain"} 2
                """);
    }

    @Test
    void aFailingGaugeLeavesOnlyItsHeaderAndTheRestIntact() throws IOException {
        Metrics metrics = new Metrics();
        metrics.registerGauge("broken", "Always fails.", () -> {
            throw new IllegalStateException("disk gone");
        });
        metrics.registerGauge("fine", "Always 1.", () -> 1);

        assertThat(render(metrics)).endsWith("""
                # HELP broken Always fails.
                # TYPE broken gauge
                # HELP fine Always 1.
                # TYPE fine gauge
                fine 1
                """);
    }

    @Test
    void misuseIsRefused() {
        Metrics metrics = new Metrics();
        Counter counter = metrics.counter("things_total", "Things.", "kind");

        assertThatThrownBy(() -> metrics.counter("things_total", "Again.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.registerGauge("stowage_http_requests_total", "Clash.", () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counter("bad-name", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counter("ok_total", "x", "bad-label")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counter("ok_total", "x", "__reserved")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counter("ok_total", "x", "a", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.counter("ok_total", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.histogram("h", "x", LatencyHistogram.DEFAULT_BUCKETS, "le"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.histogram("h", "x", List.of(Duration.ofSeconds(2), Duration.ofSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.histogram("h", "x", List.of(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counter.inc()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counter.inc("a", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counter.inc((String) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counter.add(-1, "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.addBytesOut(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(counter.value("a")).isZero();
    }

    private static String render(Metrics metrics) throws IOException {
        StringBuilder out = new StringBuilder();
        metrics.writeTo(out);
        return out.toString();
    }
}
