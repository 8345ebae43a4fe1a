package io.stowage.storage.s3;

import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.Collections;
import java.util.Iterator;

/** Walks the S3 names under a prefix in S3's (binary, for ASCII lexical) order, one page request at a time. */
final class ListingCursor {

    private final BucketClient bucket;
    private final String prefix;
    private final int pageSize;
    private String startAfter;
    private String continuation;
    private Iterator<S3Object> page = Collections.emptyIterator();
    private boolean exhausted;

    ListingCursor(BucketClient bucket, String prefix, String startAfter, int pageSize) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.startAfter = startAfter;
        this.pageSize = pageSize;
    }

    /** The next S3 object, or null after the last. */
    S3Object next() {
        while (!page.hasNext()) {
            if (exhausted) {
                return null;
            }
            ListObjectsV2Response response = bucket.list(prefix, startAfter, continuation, pageSize);
            page = response.contents().iterator();
            continuation = Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
            exhausted = continuation == null;
        }
        return page.next();
    }

    /** Goes on with the names after {@code name}, which sorts after the last one returned, skipping those before. */
    void skipTo(String name) {
        startAfter = name;
        continuation = null;
        page = Collections.emptyIterator();
        exhausted = false;
    }
}
