package io.stowage.http.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsConcurrencyTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 20_000;
    private static final Pattern INF_AND_COUNT = Pattern.compile(
            "stowage_http_request_duration_seconds_bucket\\{method=\"(\\w+)\",route=\"(\\w+)\",le=\"\\+Inf\"} (\\d+)\n"
                    + "stowage_http_request_duration_seconds_sum\\{[^}]*} [0-9.]+\n"
                    + "stowage_http_request_duration_seconds_count\\{[^}]*} (\\d+)\n");

    @Test
    void concurrentUpdatesAreNeitherLostNorTornWhileScraping() throws Exception {
        Metrics metrics = new Metrics();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String route = t % 2 == 0 ? "blob" : "manifest";
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        metrics.recordRequest("GET", route, 200, i);
                        metrics.recordRequest("HEAD", "blob", 404, i);
                        metrics.addBytesOut(3);
                    }
                    return null;
                }));
            }
            Future<Integer> scraper = pool.submit(() -> {
                start.await();
                int scrapes = 0;
                while (writers.stream().anyMatch(f -> !f.isDone()) || scrapes == 0) {
                    StringBuilder out = new StringBuilder();
                    metrics.writeTo(out);
                    assertConsistent(out.toString());
                    scrapes++;
                }
                return scrapes;
            });
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            assertThat(scraper.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }

        StringBuilder out = new StringBuilder();
        metrics.writeTo(out);
        String text = out.toString();
        int perRoute = THREADS / 2 * PER_THREAD;
        assertThat(text)
                .contains("stowage_http_requests_total{method=\"GET\",route=\"blob\",status=\"200\"} " + perRoute + "\n")
                .contains("stowage_http_requests_total{method=\"GET\",route=\"manifest\",status=\"200\"} " + perRoute + "\n")
                .contains("stowage_http_requests_total{method=\"HEAD\",route=\"blob\",status=\"404\"} " + THREADS * PER_THREAD + "\n")
                .contains("stowage_http_request_duration_seconds_count{method=\"HEAD\",route=\"blob\"} " + THREADS * PER_THREAD + "\n")
                .contains("stowage_http_bytes_sent_total " + 3L * THREADS * PER_THREAD + "\n");
        long sumNanos = (long) THREADS * PER_THREAD * (PER_THREAD - 1) / 2;
        assertThat(text).contains("stowage_http_request_duration_seconds_sum{method=\"HEAD\",route=\"blob\"} "
                + TextFormat.seconds(sumNanos) + "\n");
    }

    /** Within one scrape, each histogram's +Inf bucket and its _count must agree. */
    private static void assertConsistent(String text) {
        Matcher m = INF_AND_COUNT.matcher(text);
        int series = 0;
        while (m.find()) {
            assertThat(m.group(4)).as("count of %s %s", m.group(1), m.group(2)).isEqualTo(m.group(3));
            series++;
        }
        assertThat(text.split("_count\\{", -1).length - 1).isEqualTo(series);
    }
}
