package io.stowage.oci.error;

/**
 * The request conflicts with what the registry holds (409): the account, namespace or key already exists, or the
 * change would break an invariant (retiring the current signing key, removing the last administrator). The spec has
 * no code for it; UNSUPPORTED says the request as sent cannot be served, as for {@link ParameterInvalidException},
 * without inventing a code clients cannot decode.
 */
public final class ConflictException extends RegistryException {
    public ConflictException(String message, String detail) {
        super(OciErrorCode.UNSUPPORTED, message, detail);
    }
}
