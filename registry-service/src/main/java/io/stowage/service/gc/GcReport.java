package io.stowage.service.gc;

import java.time.Duration;
import java.time.Instant;

/**
 * What one garbage collection did, or, for a dry run, would do.
 *
 * @param dryRun         nothing was deleted
 * @param cutoff         records claimed or linked before this were old enough (now minus the grace period)
 * @param linksPruned    repository links removed: blobs no manifest of their repository references
 * @param blobsDeleted   blobs whose records and bytes were removed
 * @param bytesFreed     their total size
 * @param resumed        blobs condemned by an interrupted earlier run whose bytes this run deleted
 * @param finishedAt     when the run ended
 * @param took           how long the run took
 */
public record GcReport(boolean dryRun, Instant cutoff, long linksPruned, long blobsDeleted, long bytesFreed,
                       long resumed, Instant finishedAt, Duration took) {

    /** One line for the log and the job's summary. */
    public String summary() {
        return (dryRun ? "dry run: would prune " : "pruned ") + linksPruned + " unreferenced links, "
                + (dryRun ? "would delete " : "deleted ") + blobsDeleted + " blobs (" + bytesFreed + " bytes)"
                + (resumed > 0 ? ", finished " + resumed + " left by an interrupted run" : "")
                + " in " + took.toMillis() + " ms";
    }
}
