package io.stowage.http.admin.json;

/** What a scrub round found: blobs re-hashed, found corrupt or missing (now marked), and bytes read. */
public record ScrubReportJson(int checked, int corrupt, int missing, long bytes) {
}
