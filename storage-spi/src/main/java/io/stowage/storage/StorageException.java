package io.stowage.storage;

/** A failure of the storage backend itself (disk full, I/O error, object store unreachable). */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
