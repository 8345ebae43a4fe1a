package io.stowage.storage.fs;

import io.stowage.storage.StorageException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Writes the buffers of one append at their positions in the file: the whole blocks of a large buffer past the page
 * cache when {@link DirectWrites} allows it, the unaligned head and tail, and every small buffer, through it. The
 * two never share a page, so neither sees stale data of the other. Whole blocks are gathered in an aligned buffer of
 * {@link DirectWrites#BUFFER_BYTES} and written when it is full, so most direct writes are that large; the rest is
 * written by {@link #finish}, which the append calls before it reports its size.
 */
final class AppendWrites implements AutoCloseable {

    private final Path file;
    private final FileChannel cached;
    private final DirectWrites direct;
    /** Opened at the first direct write, so a small append costs no second descriptor. */
    private FileChannel uncached;
    /** Whole blocks not written yet, aligned as the kernel wants them ({@link DirectWrites#takeBuffer}). */
    private ByteBuffer gathered;
    /** Where in the file the first gathered byte goes. */
    private long gatheredAt;
    /** All buffers were taken when this append asked: it writes through the page cache. */
    private boolean noBuffer;

    AppendWrites(Path file, FileChannel cached, DirectWrites direct) {
        this.file = file;
        this.cached = cached;
        this.direct = direct;
    }

    /**
     * Writes all that remains of {@code buffer}, from {@code position} on, or gathers its whole blocks for a direct
     * write; returns the position after it. {@code buffer} may be reused once this returns.
     */
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
                at = gather(buffer, at);
                buffer.limit(limit);
            }
        }
        return writeAll(cached, buffer, at);
    }

    /** Writes the blocks still gathered. Without it, {@link #close} drops them: the append failed anyway. */
    void finish() throws IOException {
        if (gathered != null && gathered.position() > 0) {
            flush();
        }
    }

    private long gather(ByteBuffer blocks, long position) throws IOException {
        if (gathered == null && !noBuffer) {
            gathered = direct.takeBuffer();
            noBuffer = gathered == null;
        }
        if (gathered == null) {
            return writeAll(cached, blocks, position);
        }
        if (gathered.position() > 0 && gatheredAt + gathered.position() != position) {
            flush();
        }
        long at = position;
        while (blocks.hasRemaining()) {
            if (gathered.position() == 0) {
                gatheredAt = at;
            }
            int n = Math.min(blocks.remaining(), gathered.remaining());
            gathered.put(gathered.position(), blocks, blocks.position(), n).position(gathered.position() + n);
            blocks.position(blocks.position() + n);
            at += n;
            if (!gathered.hasRemaining()) {
                flush();
            }
        }
        return at;
    }

    /**
     * A filesystem that took the start-up probe may still refuse a direct write (a file on another mount below the
     * root, a device with larger sectors): the same bytes then go through the page cache, which overwrites whatever
     * part the refused write did land.
     */
    private void flush() throws IOException {
        gathered.flip();
        try {
            if (uncached == null) {
                uncached = direct.open(file);
            }
            direct.wrote(writeAll(uncached, gathered, gatheredAt) - gatheredAt);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            writeAll(cached, gathered.rewind(), gatheredAt);
        } finally {
            gathered.clear();
        }
    }

    private static long writeAll(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        return at;
    }

    /** Gives the buffer back and closes only the channel this opened; the caller owns the other. */
    @Override
    public void close() {
        if (gathered != null) {
            direct.giveBack(gathered);
            gathered = null;
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
