package io.stowage.security.token;

import java.io.Serial;

/**
 * Why a token was refused. Checked, and the only exception {@link TokenVerifier#verify} throws, whatever the input:
 * tokens come from clients, and every refusal must become a {@code 401}, never a {@code 500}. The message is fixed
 * per reason and never contains the token.
 */
public final class TokenException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The reasons, each a distinct check of {@link TokenVerifier#verify}. */
    public enum Reason {
        /** Not three base64url segments of JSON objects with the required members, or over the length bound. */
        MALFORMED("token is malformed"),
        /** No accepted key has the token's kid. */
        UNKNOWN_KEY("token is signed by an unknown key"),
        /** The header names an algorithm other than the one pinned to its key (including none and HMAC). */
        ALGORITHM_NOT_ALLOWED("token algorithm is not allowed"),
        /** The signature does not verify with the key. */
        BAD_SIGNATURE("token signature is invalid"),
        EXPIRED("token has expired"),
        /** Its not-before or issued-at time lies in the future, beyond the leeway. */
        NOT_YET_VALID("token is not yet valid"),
        WRONG_ISSUER("token is from another issuer"),
        WRONG_AUDIENCE("token is for another audience");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private final Reason reason;

    TokenException(Reason reason) {
        // No stack trace: refusals are expected and as frequent as attackers like.
        super(reason.message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
