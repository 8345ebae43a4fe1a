package io.stowage.service.scrub;

import io.stowage.service.jobs.BackgroundJob;

import java.util.Objects;

/** Runs {@link Scrubber#scrub} on schedule, on one node at a time, a bounded number of blobs per round. */
public final class ScrubJob implements BackgroundJob {

    private final Scrubber scrubber;
    private final int blobsPerRound;

    public ScrubJob(Scrubber scrubber, int blobsPerRound) {
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        if (blobsPerRound < 1) {
            throw new IllegalArgumentException("a scrub round checks at least one blob");
        }
        this.blobsPerRound = blobsPerRound;
    }

    @Override
    public String name() {
        return "scrub";
    }

    @Override
    public String runOnce() {
        Scrubber.ScrubReport report = scrubber.scrub(blobsPerRound);
        return report.checked() == 0 ? null : report.summary();
    }
}
