package io.stowage.oci.error;

/** A repository name or tag outside the spec's grammar. */
public final class NameInvalidException extends RegistryException {
    public NameInvalidException(String name) {
        super(OciErrorCode.NAME_INVALID, null, name == null ? "" : abbreviate(name));
    }

    public NameInvalidException(String message, String detail) {
        super(OciErrorCode.NAME_INVALID, message, detail);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
