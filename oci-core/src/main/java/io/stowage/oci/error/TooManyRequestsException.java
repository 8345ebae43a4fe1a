package io.stowage.oci.error;

/** The caller sends too many requests (429). */
public final class TooManyRequestsException extends RegistryException {
    public TooManyRequestsException(String message) {
        super(OciErrorCode.TOOMANYREQUESTS, message, null);
    }
}
