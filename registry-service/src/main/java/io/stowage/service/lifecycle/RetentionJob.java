package io.stowage.service.lifecycle;

import io.stowage.service.jobs.BackgroundJob;
import io.stowage.service.jobs.JobScheduler;
import io.stowage.service.lifecycle.RetentionPlan.Removal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Applies every enabled retention policy on schedule, on one node at a time ({@link JobScheduler}): each round plans
 * at the clock's instant and applies that plan at once ({@link RetentionService#run}). {@code onRemoved} hears of
 * each removal as it is made, for the audit log. Blobs are left to the garbage collection.
 */
public final class RetentionJob implements BackgroundJob {

    /** The job's name, which is also the name of its lease. */
    public static final String NAME = "retention";
    /** How often a round runs unless configured otherwise: policies count in days, an hour is precise enough. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

    private final RetentionService retention;
    private final Clock clock;
    private final Duration interval;
    private final Consumer<? super Removal> onRemoved;

    /**
     * @param interval  how often the job is to run: {@link #interval()} is what to schedule it with
     * @param onRemoved hears of each removal (for instance, writes an audit event); may do nothing
     */
    public RetentionJob(RetentionService retention, Clock clock, Duration interval,
                        Consumer<? super Removal> onRemoved) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("retention needs a positive interval");
        }
        this.onRemoved = Objects.requireNonNull(onRemoved, "onRemoved");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The interval to schedule the job with. */
    public Duration interval() {
        return interval;
    }

    @Override
    public String runOnce() {
        RetentionReport report = retention.run(clock.instant(), onRemoved);
        return report.removed().isEmpty() && report.skipped().isEmpty() ? null : report.summary();
    }
}
