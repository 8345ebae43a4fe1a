package io.stowage.http.admin.json;

/** What a garbage collection did, or (dry run) would do. */
public record GcReportJson(boolean dryRun, String cutoff, long linksPruned, long blobsDeleted, long bytesFreed,
                           long resumed, String finishedAt, long tookMillis) {
}
