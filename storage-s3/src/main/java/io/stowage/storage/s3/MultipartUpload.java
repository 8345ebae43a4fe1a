package io.stowage.storage.s3;

import io.stowage.storage.StorageException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.util.ArrayList;
import java.util.List;

/**
 * One S3 multipart upload: nothing is visible under its name until {@link #complete}, which makes the whole object
 * appear at once; {@link #abort} discards the parts so that they neither linger nor cost storage. Used by one thread.
 */
final class MultipartUpload {

    private final BucketClient bucket;
    private final String name;
    private final String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();

    private MultipartUpload(BucketClient bucket, String name, String uploadId) {
        this.bucket = bucket;
        this.name = name;
        this.uploadId = uploadId;
    }

    static MultipartUpload start(BucketClient bucket, String name) {
        String uploadId = bucket.call("CreateMultipartUpload", name, () -> bucket.s3()
                .createMultipartUpload(r -> r.bucket(bucket.bucket()).key(name))).uploadId();
        return new MultipartUpload(bucket, name, uploadId);
    }

    /** Adds the first {@code length} bytes of {@code buffer} as the next part. */
    void upload(byte[] buffer, int length) {
        int number = nextPartNumber();
        String etag = bucket.call("UploadPart", name, () -> bucket.s3().uploadPart(r -> r
                .bucket(bucket.bucket()).key(name).uploadId(uploadId).partNumber(number).contentLength((long) length),
                BucketClient.body(buffer, length))).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    }

    /** Adds bytes {@code first} to {@code last} (inclusive) of another S3 object as the next part, server side. */
    void copy(String source, long first, long last) {
        int number = nextPartNumber();
        String etag = bucket.call("UploadPartCopy", source + " to " + name, () -> bucket.s3().uploadPartCopy(r -> r
                .sourceBucket(bucket.bucket()).sourceKey(source).copySourceRange("bytes=" + first + "-" + last)
                .destinationBucket(bucket.bucket()).destinationKey(name).uploadId(uploadId).partNumber(number)))
                .copyPartResult().eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    }

    private int nextPartNumber() {
        if (parts.size() == Tuning.MAX_PARTS) {
            throw new StorageException("S3 multipart upload of " + name + " needs more than " + Tuning.MAX_PARTS
                    + " parts");
        }
        return parts.size() + 1;
    }

    /** Makes the object appear with every part added so far. */
    void complete() {
        bucket.call("CompleteMultipartUpload", name, () -> bucket.s3().completeMultipartUpload(r -> r
                .bucket(bucket.bucket()).key(name).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
    }

    /**
     * Discards the upload after {@code cause} stopped it. Failing to abort must not hide the cause, so it is added to
     * it; the parts then linger until a bucket lifecycle rule removes them.
     */
    void abort(Throwable cause) {
        try {
            bucket.s3().abortMultipartUpload(r -> r.bucket(bucket.bucket()).key(name).uploadId(uploadId));
        } catch (SdkException e) {
            cause.addSuppressed(bucket.failure("AbortMultipartUpload", name, e));
        }
    }
}
