package io.stowage.storage.s3;

import java.util.List;

/**
 * Builds one S3 object from others inside S3, so that no byte passes through the registry: a single source of at
 * most {@link Tuning#maxCopySize} by CopyObject, anything else by a multipart upload whose parts are copied with
 * UploadPartCopy, one per source or, for a source too large for one copy, several evenly split ranges. The target
 * appears complete or not at all.
 */
final class ServerSideCopy {

    /** A source object and its size. */
    record Source(String name, long size) {
    }

    private final BucketClient bucket;
    private final Tuning tuning;

    ServerSideCopy(BucketClient bucket, Tuning tuning) {
        this.bucket = bucket;
        this.tuning = tuning;
    }

    /**
     * Whether S3 can assemble these sources: every part but the last of a multipart upload must be at least 5 MiB,
     * and there are at most 10,000 parts.
     */
    boolean canCopy(List<Source> sources) {
        long parts = 0;
        for (int i = 0; i < sources.size(); i++) {
            long size = sources.get(i).size();
            if (size == 0 && sources.size() > 1 || i < sources.size() - 1 && size < Tuning.MIN_PART_SIZE) {
                return false;
            }
            parts += rangesOf(size);
        }
        return !sources.isEmpty() && parts <= Tuning.MAX_PARTS;
    }

    /** Writes the concatenation of {@code sources} as {@code target}; only when {@link #canCopy}. */
    void copy(List<Source> sources, String target) {
        if (!canCopy(sources)) {
            throw new IllegalArgumentException("S3 cannot assemble " + sources.size() + " sources into " + target);
        }
        if (sources.size() == 1 && sources.getFirst().size() <= tuning.maxCopySize()) {
            bucket.copy(sources.getFirst().name(), target);
            return;
        }
        MultipartUpload upload = MultipartUpload.start(bucket, target);
        try {
            for (Source source : sources) {
                int ranges = rangesOf(source.size());
                for (int r = 0; r < ranges; r++) {
                    long first = source.size() * r / ranges;
                    long end = source.size() * (r + 1) / ranges;
                    upload.copy(source.name(), first, end - 1);
                }
            }
            upload.complete();
        } catch (RuntimeException | Error e) {
            upload.abort(e);
            throw e;
        }
    }

    /** How many ranges a source is copied in: one, unless it is too large for a single copy. */
    private int rangesOf(long size) {
        if (size <= tuning.maxCopySize()) {
            return 1;
        }
        return (int) Math.min(Integer.MAX_VALUE, (size + tuning.copyPartSize() - 1) / tuning.copyPartSize());
    }
}
