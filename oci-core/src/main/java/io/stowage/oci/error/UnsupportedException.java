package io.stowage.oci.error;

/** An operation this registry does not offer (405). */
public final class UnsupportedException extends RegistryException {
    public UnsupportedException(String message) {
        super(OciErrorCode.UNSUPPORTED, message, null);
    }
}
