package io.stowage.oci.error;

/** The caller may not do this (403). */
public final class DeniedException extends RegistryException {
    public DeniedException(String message) {
        super(OciErrorCode.DENIED, message, null);
    }
}
