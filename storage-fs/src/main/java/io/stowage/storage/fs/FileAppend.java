package io.stowage.storage.fs;

import io.stowage.memory.MemoryBudget;
import io.stowage.storage.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One all-or-nothing append: copy the stream to the end of the file, or put the file back as it was. The bytes are
 * not forced to disk here: appends build upload objects, which become durable when they are moved to their content
 * address ({@link FileSystemObjectStore#move} syncs the file, then the directory of its new name), so a chunked
 * upload costs one file sync in all instead of one per chunk. Every storage failure is turned into a
 * {@link StorageException} where it happens, so the only checked {@link IOException} that can leave {@link #run} is
 * the source stream's own, rethrown untouched.
 */
final class FileAppend {

    private static final int BUFFER_SIZE = 256 * 1024;
    /** What an append makes do with when the budget has no room for {@link #BUFFER_SIZE}. */
    static final int MINIMUM_BUFFER_SIZE = 16 * 1024;
    /** Enough for a directory pruned by concurrent deletes between being created and being used. */
    private static final int ATTEMPTS = 8;

    private record Opened(FileChannel channel, boolean created) {
    }

    private final Path root;
    private final Path file;
    private final MemoryBudget memory;
    private final DirectWrites direct;

    FileAppend(Path root, Path file, MemoryBudget memory, DirectWrites direct) {
        this.root = root;
        this.file = file;
        this.memory = memory;
        this.direct = direct;
    }

    /**
     * Appends all of {@code data} and returns the new size. The buffer is held as long as the client takes to send
     * its data, so it comes from the memory budget of all transfers, taken before the file is opened: an append that
     * waits for memory holds nothing else.
     */
    long run(InputStream data) throws IOException {
        try (MemoryBudget.Grant grant = storage(() -> memory.take(BUFFER_SIZE, MINIMUM_BUFFER_SIZE))) {
            return run(data, new byte[grant.bytes()]);
        }
    }

    private long run(InputStream data, byte[] buffer) throws IOException {
        Opened opened = open();
        FileChannel channel = opened.channel();
        long previous = -1;
        try {
            previous = storage(channel::size);
            long size = copy(data, channel, previous, buffer);
            close(channel);
            return size;
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(channel, e);
            rollBack(opened.created(), previous, e);
            throw e;
        }
    }

    private Opened open() {
        for (int attempt = 1; ; attempt++) {
            try {
                Directories.create(root, file.getParent());
                try {
                    return new Opened(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS), true);
                } catch (FileAlreadyExistsException e) {
                    return new Opened(FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                            false);
                }
            } catch (NoSuchFileException e) {
                if (attempt == ATTEMPTS) {
                    throw new StorageException("cannot create " + file, e);
                }
            } catch (IOException e) {
                throw new StorageException("cannot open " + file + " for writing", e);
            }
        }
    }

    /**
     * Fills the buffer before each write: a request body arrives in network-sized pieces (often a few KiB), and one
     * write per piece would cost a system call, and a copy into a temporary direct buffer, each. Only
     * {@code data.read} may throw a checked exception out of here.
     */
    private long copy(InputStream data, FileChannel channel, long position, byte[] buffer) throws IOException {
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long end = position;
        boolean more = true;
        try (AppendWrites writes = new AppendWrites(file, channel, direct)) {
            while (more) {
                int filled = 0;
                while (filled < buffer.length) {
                    int n = data.read(buffer, filled, buffer.length - filled);
                    if (n == -1) {
                        more = false;
                        break;
                    }
                    filled += n;
                }
                wrapped.clear().limit(filled);
                long at = end;
                end = storage(() -> writes.write(wrapped, at));
            }
            storage(() -> {
                writes.finish();
                return null;
            });
        }
        return end;
    }

    /**
     * Through {@link RandomAccessFile}, not the channel: an interrupt closes a FileChannel, and the file must be put
     * back even when an interrupt was the reason for failing.
     */
    private void rollBack(boolean created, long previous, Throwable failure) {
        try {
            if (created) {
                Files.deleteIfExists(file);
                Directories.prune(root, file.getParent());
            } else if (previous >= 0) {
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    raf.setLength(previous);
                    raf.getFD().sync();
                }
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            throw new StorageException("cannot close " + file, e);
        }
    }

    private static void closeQuietly(FileChannel channel, Throwable failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private <T> T storage(IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new StorageException("cannot write " + file, e);
        }
    }
}
