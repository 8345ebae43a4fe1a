package io.stowage.http.metrics;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of durations per combination of label values. Observations are nanoseconds and bucket
 * bounds are whole nanoseconds, so bucketing is exact integer comparison; the exposition speaks seconds.
 */
public final class LatencyHistogram implements MetricFamily {

    /** The Prometheus client libraries' default buckets, 5 ms to 10 s. */
    public static final List<Duration> DEFAULT_BUCKETS = List.of(
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10));

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final long[] boundsNanos;
    private final ConcurrentHashMap<List<String>, Series> series = new ConcurrentHashMap<>();

    LatencyHistogram(String name, String help, List<Duration> buckets, String... labelNames) {
        this.name = TextFormat.requireMetricName(name);
        this.help = TextFormat.requireHelp(help);
        this.labelNames = TextFormat.requireLabelNames(labelNames);
        if (this.labelNames.contains("le")) {
            throw new IllegalArgumentException("\"le\" is the histogram's own label");
        }
        this.boundsNanos = buckets.stream().mapToLong(Duration::toNanos).toArray();
        for (int i = 0; i < boundsNanos.length; i++) {
            if (boundsNanos[i] <= 0 || i > 0 && boundsNanos[i] <= boundsNanos[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must be positive and increasing: " + buckets);
            }
        }
    }

    /** Records one duration; a negative one (a clock gone backwards) counts as zero. */
    public void observeNanos(long nanos, String... labelValues) {
        long value = Math.max(0, nanos);
        Series s = series.computeIfAbsent(TextFormat.labelValues(labelNames, labelValues),
                k -> new Series(boundsNanos.length));
        int index = Arrays.binarySearch(boundsNanos, value);
        // A value equal to a bound belongs to that bucket (le means less than or equal).
        s.buckets[index >= 0 ? index : -index - 1].increment();
        s.sumNanos.add(value);
    }

    /** How many observations these label values have, 0 if none. */
    public long count(String... labelValues) {
        Series s = series.get(TextFormat.labelValues(labelNames, labelValues));
        return s == null ? 0 : Arrays.stream(s.buckets).mapToLong(LongAdder::sum).sum();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void writeTo(Appendable out) throws IOException {
        TextFormat.writeHeader(out, name, help, "histogram");
        List<Map.Entry<List<String>, Series>> entries = new ArrayList<>(series.entrySet());
        entries.sort(Map.Entry.comparingByKey(TextFormat.LABEL_VALUES_ORDER));
        for (Map.Entry<List<String>, Series> e : entries) {
            List<String> values = e.getKey();
            Series s = e.getValue();
            long cumulative = 0;
            for (int i = 0; i < boundsNanos.length; i++) {
                cumulative += s.buckets[i].sum();
                TextFormat.writeSample(out, name + "_bucket", labelNames, values,
                        "le", TextFormat.seconds(boundsNanos[i]), Long.toString(cumulative));
            }
            cumulative += s.buckets[boundsNanos.length].sum();
            TextFormat.writeSample(out, name + "_bucket", labelNames, values, "le", "+Inf", Long.toString(cumulative));
            TextFormat.writeSample(out, name + "_sum", labelNames, values, null, null, TextFormat.seconds(s.sumNanos.sum()));
            // _count is the +Inf bucket as read in this scrape, so the two always agree even under concurrent updates.
            TextFormat.writeSample(out, name + "_count", labelNames, values, null, null, Long.toString(cumulative));
        }
    }

    /** Per-bucket (not cumulative) counts, the last one for values above every bound. */
    private static final class Series {
        final LongAdder[] buckets;
        final LongAdder sumNanos = new LongAdder();

        Series(int bounds) {
            buckets = new LongAdder[bounds + 1];
            Arrays.setAll(buckets, i -> new LongAdder());
        }
    }
}
