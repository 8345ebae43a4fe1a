package io.stowage.service.gc;

import io.stowage.service.jobs.BackgroundJob;

import java.util.Objects;

/** Runs {@link GarbageCollector#collect()} on schedule, on one node at a time. */
public final class GarbageCollectionJob implements BackgroundJob {

    private final GarbageCollector collector;

    public GarbageCollectionJob(GarbageCollector collector) {
        this.collector = Objects.requireNonNull(collector, "collector");
    }

    @Override
    public String name() {
        return "gc";
    }

    @Override
    public String runOnce() {
        GcReport report = collector.collect();
        return report.linksPruned() + report.blobsDeleted() + report.resumed() == 0 ? null : report.summary();
    }
}
