package io.stowage.security.scope;

import java.io.Serial;

/**
 * A scope string outside the grammar. Checked, because scopes come from clients and must be answered (the token
 * endpoint's {@code 400}), not crash a request. The message says what is wrong, not what was sent.
 */
public final class ScopeException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public ScopeException(String message) {
        // No stack trace: this is an expected answer to bad input, thrown as often as clients like.
        super(message, null, false, false);
    }
}
