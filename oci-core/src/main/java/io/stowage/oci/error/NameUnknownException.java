package io.stowage.oci.error;

/** A repository that does not exist. */
public final class NameUnknownException extends RegistryException {
    public NameUnknownException(String name) {
        super(OciErrorCode.NAME_UNKNOWN, null, name);
    }
}
