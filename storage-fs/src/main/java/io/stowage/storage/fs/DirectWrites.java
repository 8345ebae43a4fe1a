package io.stowage.storage.fs;

import com.sun.nio.file.ExtendedOpenOption;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Whether the large writes of appends go past the page cache ({@code O_DIRECT}), and in what blocks.
 *
 * <p>Why: an upload is written once and then mostly sits there, yet a buffered write makes the kernel take a fresh
 * page of cache for every 4 KiB of it, copy the bytes in and write them back later. That costs several times the CPU
 * of a direct write (0.24 s against 0.08 s of system time per GiB with {@code dd} on a warm machine), and far more
 * on a virtual machine that hands free memory back to its host, where each fresh page faults into the host (1.5 to
 * 2.4 s per GiB measured here, see docs/performance.md). It also evicts hot layers from the cache to make room for
 * bytes nobody may pull. The price: the first pull of a freshly pushed blob reads it from the disk (and leaves it in
 * the cache for the next ones).
 *
 * <p>Only whole, aligned blocks of writes of at least {@link #MINIMUM_BYTES} go direct: the kernel refuses unaligned
 * direct writes, and for small ones waiting for the device costs more than the copy it saves. Durability does not
 * change: a direct write is not a sync either, and {@link FileSystemObjectStore#move} still forces the file.
 */
final class DirectWrites {

    /** Below this a write goes through the page cache. */
    static final int MINIMUM_BYTES = 128 * 1024;
    /** A dot-name: never an object (see the key grammar of ObjectStore). */
    private static final String PROBE = ".direct-write-probe";
    private static final DirectWrites OFF = new DirectWrites(0);

    /**
     * The size of the buffers direct writes gather their blocks in, so of most direct writes. Each one waits for the
     * device, and a write of 1 MiB took about 6% less of a push's CPU than four of 256 KiB (fewer requests to the
     * device, completions and wake-ups; see docs/performance.md).
     */
    static final int BUFFER_BYTES = 1024 * 1024;
    /** At most this many buffers exist at once (16 MiB of direct memory); past it, appends write cached. */
    static final int MAX_BUFFERS = 16;

    private final int blockSize;
    private final LongAdder written = new LongAdder();
    private final BlockingQueue<ByteBuffer> idle = new ArrayBlockingQueue<>(MAX_BUFFERS);
    private final AtomicInteger allocated = new AtomicInteger();

    private DirectWrites(int blockSize) {
        this.blockSize = blockSize;
    }

    /** Direct writes aligned to {@code blockSize}, unchecked: for tests of what a refused direct write does. */
    static DirectWrites ofBlockSize(int blockSize) {
        return new DirectWrites(blockSize);
    }

    /** All writes through the page cache. */
    static DirectWrites off() {
        return OFF;
    }

    /**
     * Direct writes on the filesystem of {@code root} if it takes them: one aligned block is written to a probe file
     * there, since some filesystems refuse {@code O_DIRECT} when a file is opened, and others only at the first write.
     */
    static DirectWrites probe(Path root) {
        Path probe = root.resolve(PROBE);
        try {
            long size = Files.getFileStore(root).getBlockSize();
            if (size <= 0 || size > MINIMUM_BYTES || Long.bitCount(size) != 1) {
                return OFF;
            }
            int block = (int) size;
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS,
                    ExtendedOpenOption.DIRECT)) {
                ByteBuffer one = ByteBuffer.allocateDirect(2 * block).alignedSlice(block).limit(block);
                while (one.hasRemaining()) {
                    channel.write(one, one.position());
                }
            }
            return new DirectWrites(block);
        } catch (IOException | UnsupportedOperationException e) {
            return OFF;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                // A leftover probe is harmless: it is no object, and the next start overwrites it.
            }
        }
    }

    boolean enabled() {
        return blockSize > 0;
    }

    /** The alignment of a direct write's position and length; 0 when off. */
    int blockSize() {
        return blockSize;
    }

    void wrote(long bytes) {
        written.add(bytes);
    }

    /** Bytes written past the page cache so far. */
    long writtenBytes() {
        return written.sum();
    }

    /**
     * A buffer aligned to the block size, of {@link #BUFFER_BYTES}, for one append at a time, or null when all
     * {@link #MAX_BUFFERS} are taken (the append then writes through the page cache). Direct writes go through
     * buffers of their own: for a heap buffer the JDK would copy into a temporary aligned one per carrier thread, and
     * JDK 25 drops (without freeing) a cached temporary buffer that happens to be unaligned, which grew the resident
     * memory by about 200 MiB over one benchmark run.
     */
    ByteBuffer takeBuffer() {
        ByteBuffer buffer = idle.poll();
        if (buffer != null) {
            return buffer.clear();
        }
        if (allocated.incrementAndGet() > MAX_BUFFERS) {
            allocated.decrementAndGet();
            return null;
        }
        return ByteBuffer.allocateDirect(BUFFER_BYTES + blockSize).alignedSlice(blockSize).limit(BUFFER_BYTES).slice();
    }

    /** Every buffer taken is given back, and kept for the next append. */
    void giveBack(ByteBuffer buffer) {
        idle.add(buffer);
    }

    /** Buffers allocated so far; at most {@link #MAX_BUFFERS}. */
    int buffersAllocated() {
        return allocated.get();
    }

    /** A second channel on {@code file}, for its direct writes. */
    FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS, ExtendedOpenOption.DIRECT);
    }
}
