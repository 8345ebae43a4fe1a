package io.stowage.oci.error;

/** A chunk out of order, or a read range beyond the blob (416). */
public final class RangeNotSatisfiableException extends RegistryException {
    public RangeNotSatisfiableException(String message) {
        super(OciErrorCode.BLOB_UPLOAD_INVALID, message, null);
    }
}
