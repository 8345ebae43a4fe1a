package io.stowage.service.jobs;

import io.stowage.service.UploadService;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Removes upload sessions nobody has touched for {@code maxAge}: their rows and the bytes they received. */
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
        int purged = uploads.purgeInactiveSince(clock.instant().minus(maxAge));
        return purged == 0 ? null : "purged " + purged + " abandoned upload session" + (purged == 1 ? "" : "s");
    }
}
