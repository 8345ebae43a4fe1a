package io.stowage.oci.error;

/** Declared length and actual content length disagree. */
public final class SizeInvalidException extends RegistryException {
    public SizeInvalidException(String message) {
        super(OciErrorCode.SIZE_INVALID, message, null);
    }
}
