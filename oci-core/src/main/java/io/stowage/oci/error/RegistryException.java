package io.stowage.oci.error;

/**
 * Every failure a client can be told about. Each subtype maps to exactly one spec error code; the HTTP layer's one
 * error mapper chooses the status by switching over this sealed hierarchy. {@code detail} is structured context
 * (a digest, a name, a reference) and never holds secrets or stack traces.
 */
public abstract sealed class RegistryException extends RuntimeException
        permits BlobUnknownException, BlobUploadInvalidException, BlobUploadUnknownException, DigestInvalidException,
        ManifestBlobUnknownException, ManifestInvalidException, ManifestUnknownException, NameInvalidException,
        NameUnknownException, SizeInvalidException, ManifestTooLargeException, RangeNotSatisfiableException,
        UnsupportedException, RouteNotFoundException, MethodNotAllowedException, UnauthorizedException,
        DeniedException, TooManyRequestsException, ParameterInvalidException, ConflictException {

    private final OciErrorCode code;
    private final String detail;

    protected RegistryException(OciErrorCode code, String message, String detail) {
        super(message == null ? code.defaultMessage() : message, null, false, false);
        this.code = code;
        this.detail = detail;
    }

    public OciErrorCode code() {
        return code;
    }

    /** Structured context for the error body's {@code detail}, or null. */
    public String detail() {
        return detail;
    }
}
