package io.stowage.oci.error;

/** The caller sends too many requests (429); {@link #retryAfterSeconds()} becomes the {@code Retry-After} header. */
public final class TooManyRequestsException extends RegistryException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String message) {
        this(message, 0);
    }

    public TooManyRequestsException(String message, long retryAfterSeconds) {
        super(OciErrorCode.TOOMANYREQUESTS, message, null);
        this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
    }

    /** Whole seconds until the caller may try again; 0 when unknown. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
