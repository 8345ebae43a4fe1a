package io.stowage.oci.error;

/** Authentication is required (401). */
public final class UnauthorizedException extends RegistryException {
    public UnauthorizedException(String message) {
        super(OciErrorCode.UNAUTHORIZED, message, null);
    }
}
