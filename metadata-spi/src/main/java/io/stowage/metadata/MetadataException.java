package io.stowage.metadata;

/** A failure of the metadata backend itself (database unavailable, corrupt, full). */
public class MetadataException extends RuntimeException {
    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
