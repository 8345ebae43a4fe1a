package io.stowage.service.gc;

import io.stowage.service.jobs.BackgroundJob;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs {@link GarbageCollector#tryCollect()} on schedule, on one node at a time; a round that finds an on-demand
 * collection running on this node skips.
 */
public final class GarbageCollectionJob implements BackgroundJob {

    private final GarbageCollector collector;
    private final Consumer<GcReport> onCollected;

    public GarbageCollectionJob(GarbageCollector collector) {
        this(collector, report -> { });
    }

    /** {@code onCollected} hears of every round that removed something (for the audit log). */
    public GarbageCollectionJob(GarbageCollector collector, Consumer<GcReport> onCollected) {
        this.collector = Objects.requireNonNull(collector, "collector");
        this.onCollected = Objects.requireNonNull(onCollected, "onCollected");
    }

    /** The job's name, which is also the name of its lease. */
    public static final String NAME = "gc";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String runOnce() {
        Optional<GcReport> ran = collector.tryCollect();
        if (ran.isEmpty()) {
            return "skipped: another collection is running";
        }
        GcReport report = ran.get();
        if (report.linksPruned() + report.blobsDeleted() + report.resumed() == 0) {
            return null;
        }
        onCollected.accept(report);
        return report.summary();
    }
}
