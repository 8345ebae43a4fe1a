package io.stowage.oci.error;

/**
 * Authentication is required (401). The HTTP layer answers it with a {@code WWW-Authenticate} challenge naming
 * {@link #scope()} (the Docker token scope the request needs, or null when it needs none in particular) and, when the
 * caller's token was valid but too narrow, {@code error="insufficient_scope"}.
 */
public final class UnauthorizedException extends RegistryException {

    private final String scope;
    private final boolean insufficientScope;

    public UnauthorizedException(String message) {
        this(message, null, false);
    }

    public UnauthorizedException(String message, String scope, boolean insufficientScope) {
        super(OciErrorCode.UNAUTHORIZED, message, null);
        this.scope = scope;
        this.insufficientScope = insufficientScope;
    }

    public String scope() {
        return scope;
    }

    public boolean insufficientScope() {
        return insufficientScope;
    }
}
