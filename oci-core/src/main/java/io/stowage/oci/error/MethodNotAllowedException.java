package io.stowage.oci.error;

/** A known endpoint called with a method it does not support (405). */
public final class MethodNotAllowedException extends RegistryException {
    public MethodNotAllowedException(String method) {
        super(OciErrorCode.UNSUPPORTED, "method not allowed on this endpoint", method);
    }
}
