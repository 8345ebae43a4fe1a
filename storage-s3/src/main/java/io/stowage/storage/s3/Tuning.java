package io.stowage.storage.s3;

/**
 * Sizes that shape the store's S3 requests. Production always uses {@link #DEFAULT}; tests shrink the copy limits
 * to reach the multipart copy paths without moving gigabytes.
 *
 * @param bufferSize   bytes of an append held in memory at once, and the part size of the multipart upload an
 *                     append larger than that becomes
 * @param maxCopySize  the largest source a single CopyObject or UploadPartCopy may copy (S3: 5 GiB)
 * @param copyPartSize the part size when a larger source is copied in ranges
 */
record Tuning(int bufferSize, long maxCopySize, long copyPartSize) {

    static final long MIB = 1024 * 1024;
    /** S3's smallest part of a multipart upload, except the last. */
    static final long MIN_PART_SIZE = 5 * MIB;
    /** S3's most parts in one multipart upload. */
    static final int MAX_PARTS = 10_000;

    static final Tuning DEFAULT = new Tuning((int) (8 * MIB), 5 * 1024 * MIB, 512 * MIB);

    Tuning {
        if (bufferSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("buffer below S3's minimum part size: " + bufferSize);
        }
        // Splitting a source evenly into ranges of at most copyPartSize gives ranges of more than half of it,
        // which must still be full parts.
        if (copyPartSize < 2 * MIN_PART_SIZE || copyPartSize > maxCopySize) {
            throw new IllegalArgumentException("copy part size out of range: " + copyPartSize);
        }
    }
}
