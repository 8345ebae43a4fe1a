package io.stowage.oci.error;

/**
 * A malformed query parameter (e.g. a non-numeric {@code n}). The spec defines no code for this; UNSUPPORTED with
 * 400 tells clients the request as sent cannot be served, without inventing a code they cannot decode.
 */
public final class ParameterInvalidException extends RegistryException {
    public ParameterInvalidException(String message) {
        super(OciErrorCode.UNSUPPORTED, message, null);
    }
}
