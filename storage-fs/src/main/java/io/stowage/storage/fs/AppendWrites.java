package io.stowage.storage.fs;

import io.stowage.storage.StorageException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Writes the buffers of one append at their positions in the file: the whole blocks of a large buffer past the page
 * cache when {@link DirectWrites} allows it, the unaligned head and tail, and every small buffer, through it. The
 * two never share a page, so neither sees stale data of the other.
 */
final class AppendWrites implements AutoCloseable {

    private final Path file;
    private final FileChannel cached;
    private final DirectWrites direct;
    /** Opened at the first direct write, so a small append costs no second descriptor. */
    private FileChannel uncached;
    /** Where direct writes copy their bytes, aligned as the kernel wants them ({@link DirectWrites#takeBuffer}). */
    private ByteBuffer aligned;

    AppendWrites(Path file, FileChannel cached, DirectWrites direct) {
        this.file = file;
        this.cached = cached;
        this.direct = direct;
    }

    /** Writes all that remains of {@code buffer} at {@code position}; returns the position after it. */
    long write(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        int size = buffer.remaining();
        if (direct.enabled() && size >= DirectWrites.MINIMUM_BYTES) {
            int block = direct.blockSize();
            int head = (int) Math.min(size, (block - position % block) % block);
            int whole = (size - head) / block * block;
            if (whole > 0) {
                int limit = buffer.limit();
                buffer.limit(buffer.position() + head);
                at = writeAll(cached, buffer, at);
                buffer.limit(buffer.position() + whole);
                at = writeDirect(buffer, at);
                buffer.limit(limit);
            }
        }
        return writeAll(cached, buffer, at);
    }

    /**
     * A filesystem that took the start-up probe may still refuse a direct write (a file on another mount below the
     * root, a device with larger sectors): the same bytes then go through the page cache, which overwrites whatever
     * part the refused write did land.
     */
    private long writeDirect(ByteBuffer buffer, long position) throws IOException {
        int start = buffer.position();
        try {
            if (uncached == null) {
                uncached = direct.open(file);
                aligned = direct.takeBuffer();
            }
            long at = position;
            while (buffer.hasRemaining()) {
                int piece = Math.min(buffer.remaining(), aligned.capacity());
                aligned.clear().put(aligned.position(), buffer, buffer.position(), piece).limit(piece);
                buffer.position(buffer.position() + piece);
                at = writeAll(uncached, aligned, at);
            }
            direct.wrote(at - position);
            return at;
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            buffer.position(start);
            return writeAll(cached, buffer, position);
        }
    }

    private static long writeAll(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        return at;
    }

    /** Closes only the channel this opened; the caller owns the other. */
    @Override
    public void close() {
        if (aligned != null) {
            direct.giveBack(aligned);
            aligned = null;
        }
        if (uncached != null) {
            try {
                uncached.close();
            } catch (IOException e) {
                throw new StorageException("cannot close " + file, e);
            }
        }
    }
}
