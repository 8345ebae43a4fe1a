package io.stowage.oci.error;

/** A repository that does not exist. */
public final class NameUnknownException extends RegistryException {
    public NameUnknownException(String name) {
        super(OciErrorCode.NAME_UNKNOWN, null, name);
    }

    /** Something else known by name that does not exist (a user, a robot, a namespace), with a message saying what. */
    public NameUnknownException(String message, String name) {
        super(OciErrorCode.NAME_UNKNOWN, message, name);
    }
}
