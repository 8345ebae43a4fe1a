package io.stowage.http.metrics;

import java.io.IOException;

/** One named metric with its HELP and TYPE lines and all its samples. */
sealed interface MetricFamily permits Counter, LatencyHistogram, Gauge {

    String name();

    /** Appends this family in the Prometheus text exposition format 0.0.4. */
    void writeTo(Appendable out) throws IOException;
}
