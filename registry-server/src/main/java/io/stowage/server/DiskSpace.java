package io.stowage.server;

import io.stowage.http.metrics.Metrics;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The space on the file system that holds a directory of the embedded backends, as two gauges read at every scrape
 * (one {@code statvfs} each), so that operators can alert before pushes fail for want of it: a full disk only
 * shows itself to clients as failed uploads.
 */
final class DiskSpace {

    /** What a gauge reports when the file system cannot be asked: never a plausible amount of free space. */
    static final long UNKNOWN = -1;

    /** Null when the file system could not be found: the gauges then say {@link #UNKNOWN}, start-up goes on. */
    private final FileStore store;

    private DiskSpace(FileStore store) {
        this.store = store;
    }

    /** The file system of {@code directory}, which the backend using it has created by now. */
    static DiskSpace of(Path directory) {
        try {
            return new DiskSpace(Files.getFileStore(directory));
        } catch (IOException e) {
            return new DiskSpace(null);
        }
    }

    /** Registers {@code PREFIX_free_bytes} and {@code PREFIX_size_bytes}; {@code what} names the directory. */
    void register(Metrics metrics, String prefix, String what) {
        metrics.registerGauge(prefix + "_free_bytes", "Bytes this process may still write on the file system of "
                + what + " (-1 when it cannot be read)", this::freeBytes);
        metrics.registerGauge(prefix + "_size_bytes", "Size in bytes of the file system of " + what
                + " (-1 when it cannot be read)", this::sizeBytes);
    }

    long freeBytes() {
        return read(FileStore::getUsableSpace);
    }

    long sizeBytes() {
        return read(FileStore::getTotalSpace);
    }

    private long read(Amount amount) {
        if (store == null) {
            return UNKNOWN;
        }
        try {
            return amount.of(store);
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    private interface Amount {
        long of(FileStore store) throws IOException;
    }
}
