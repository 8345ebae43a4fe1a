package io.stowage.oci.error;

/** A malformed digest, or content that does not match its digest. */
public final class DigestInvalidException extends RegistryException {
    public DigestInvalidException(String message) {
        super(OciErrorCode.DIGEST_INVALID, message, null);
    }

    public DigestInvalidException(String message, String detail) {
        super(OciErrorCode.DIGEST_INVALID, message, detail);
    }
}
