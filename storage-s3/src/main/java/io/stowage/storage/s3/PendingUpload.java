package io.stowage.storage.s3;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one append on their way into one S3 object, through a single buffer: an input that fits is one PUT,
 * a larger one a multipart upload of buffer-sized parts, completed only once the input has ended. Either way the
 * object appears whole or not at all, and memory stays at one buffer whatever the input's size.
 *
 * <p>The first buffer is read when the upload is {@linkplain #start started}, before the store touches S3: an input
 * that fails early, or turns out empty, costs no request. A failure of the input is rethrown as it came.
 */
final class PendingUpload {

    private final InputStream data;
    private final byte[] buffer;
    private int filled;
    private boolean ended;

    private PendingUpload(InputStream data, int bufferSize) {
        this.data = data;
        this.buffer = new byte[bufferSize];
    }

    /** Reads the first buffer of {@code data}; its failures propagate unchanged. */
    static PendingUpload start(InputStream data, int bufferSize) throws IOException {
        PendingUpload upload = new PendingUpload(data, bufferSize);
        upload.fill();
        return upload;
    }

    /** Whether the input had no bytes at all. */
    boolean isEmpty() {
        return ended && filled == 0;
    }

    /** Writes the whole input as the S3 object {@code name} and returns its size. */
    long writeTo(BucketClient bucket, String name) throws IOException {
        if (ended) {
            bucket.put(name, buffer, filled);
            return filled;
        }
        MultipartUpload upload = MultipartUpload.start(bucket, name);
        try {
            long written = 0;
            while (true) {
                upload.upload(buffer, filled);
                written += filled;
                if (ended) {
                    break;
                }
                fill();
                if (filled == 0) {
                    break;
                }
            }
            upload.complete();
            return written;
        } catch (IOException | RuntimeException | Error e) {
            upload.abort(e);
            throw e;
        }
    }

    /** Fills the buffer from the input, short only at its end. */
    private void fill() throws IOException {
        filled = data.readNBytes(buffer, 0, buffer.length);
        ended = filled < buffer.length;
    }
}
