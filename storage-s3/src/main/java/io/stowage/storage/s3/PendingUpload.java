package io.stowage.storage.s3;

import io.stowage.memory.MemoryBudget;
import io.stowage.storage.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * The bytes of one append on their way into one S3 object, through a single buffer: an input that fits is one PUT,
 * a larger one a multipart upload of buffer-sized parts, completed only once the input has ended. Either way the
 * object appears whole or not at all, and memory stays at one buffer whatever the input's size.
 *
 * <p>The first buffer is read when the upload is {@linkplain #start started}, before the store touches S3: an input
 * that fails early, or turns out empty, costs no request. A failure of the input is rethrown as it came.
 *
 * <p>The buffer comes from the memory budget of all transfers: the preferred size when there is room, S3's smallest
 * part when there is not (parts of one upload may differ in size), and the upload waits when even that is taken. It
 * is held until the upload is {@linkplain #close closed}.
 */
final class PendingUpload implements AutoCloseable {

    private final InputStream data;
    private final MemoryBudget.Grant grant;
    private final byte[] buffer;
    private int filled;
    private boolean ended;

    private PendingUpload(InputStream data, MemoryBudget.Grant grant) {
        this.data = data;
        this.grant = grant;
        this.buffer = new byte[grant.bytes()];
    }

    /** Takes a buffer from {@code memory} and reads the first buffer of {@code data}; its failures propagate unchanged. */
    static PendingUpload start(InputStream data, int bufferSize, MemoryBudget memory) throws IOException {
        MemoryBudget.Grant grant;
        try {
            grant = memory.take(bufferSize, (int) Math.min(bufferSize, Tuning.MIN_PART_SIZE));
        } catch (InterruptedIOException e) {
            throw new StorageException("interrupted while waiting for memory to buffer an upload", e);
        }
        PendingUpload upload = new PendingUpload(data, grant);
        try {
            upload.fill();
            return upload;
        } catch (IOException | RuntimeException | Error e) {
            upload.close();
            throw e;
        }
    }

    /** Gives the buffer's memory back. */
    @Override
    public void close() {
        grant.close();
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
