package io.stowage.service.jobs;

import io.stowage.service.UploadService;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Removes upload sessions nobody has touched for {@code maxAge}, with the bytes they received, and upload objects
 * that no session owns and nobody has written to for that long.
 */
public final class UploadPurgeJob implements BackgroundJob {

    private final UploadService uploads;
    private final Clock clock;
    private final Duration maxAge;

    public UploadPurgeJob(UploadService uploads, Clock clock, Duration maxAge) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    }

    @Override
    public String name() {
        return "upload-purge";
    }

    @Override
    public String runOnce() {
        var cutoff = clock.instant().minus(maxAge);
        int purged = uploads.purgeInactiveSince(cutoff);
        int swept = uploads.sweepOrphans(cutoff);
        if (purged == 0 && swept == 0) {
            return null;
        }
        return "purged " + purged + " abandoned upload session" + (purged == 1 ? "" : "s")
                + (swept == 0 ? "" : ", deleted " + swept + " upload object" + (swept == 1 ? "" : "s")
                + " no session owned");
    }
}
