package io.stowage.http.metrics;

import java.io.IOException;
import java.util.List;
import java.util.function.LongSupplier;

/** A value read when scraped, such as open upload sessions or free disk bytes. */
record Gauge(String name, String help, LongSupplier supplier) implements MetricFamily {

    Gauge {
        TextFormat.requireMetricName(name);
        TextFormat.requireHelp(help);
        if (supplier == null) {
            throw new IllegalArgumentException("a gauge needs a supplier");
        }
    }

    @Override
    public void writeTo(Appendable out) throws IOException {
        long value;
        try {
            value = supplier.getAsLong();
        } catch (RuntimeException e) {
            // One broken source must not take every other metric down with it: the gauge is left without a sample.
            TextFormat.writeHeader(out, name, help, "gauge");
            return;
        }
        TextFormat.writeHeader(out, name, help, "gauge");
        TextFormat.writeSample(out, name, List.of(), List.of(), null, null, Long.toString(value));
    }
}
