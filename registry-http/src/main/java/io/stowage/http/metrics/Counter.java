package io.stowage.http.metrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count per combination of label values. */
public final class Counter implements MetricFamily {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final ConcurrentHashMap<List<String>, LongAdder> series = new ConcurrentHashMap<>();

    Counter(String name, String help, String... labelNames) {
        this.name = TextFormat.requireMetricName(name);
        this.help = TextFormat.requireHelp(help);
        this.labelNames = TextFormat.requireLabelNames(labelNames);
        if (this.labelNames.isEmpty()) {
            // An unlabelled counter exists from the start, so a scrape shows 0 rather than nothing.
            series.put(List.of(), new LongAdder());
        }
    }

    public void inc(String... labelValues) {
        add(1, labelValues);
    }

    public void add(long amount, String... labelValues) {
        if (amount < 0) {
            throw new IllegalArgumentException("a counter cannot decrease: " + amount);
        }
        series.computeIfAbsent(TextFormat.labelValues(labelNames, labelValues), k -> new LongAdder()).add(amount);
    }

    /** The current count for these label values, 0 if never incremented. */
    public long value(String... labelValues) {
        LongAdder adder = series.get(TextFormat.labelValues(labelNames, labelValues));
        return adder == null ? 0 : adder.sum();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void writeTo(Appendable out) throws IOException {
        TextFormat.writeHeader(out, name, help, "counter");
        List<Map.Entry<List<String>, LongAdder>> entries = new ArrayList<>(series.entrySet());
        entries.sort(Map.Entry.comparingByKey(TextFormat.LABEL_VALUES_ORDER));
        for (Map.Entry<List<String>, LongAdder> e : entries) {
            TextFormat.writeSample(out, name, labelNames, e.getKey(), null, null, Long.toString(e.getValue().sum()));
        }
    }
}
