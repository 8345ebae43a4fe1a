package io.stowage.security.password;

import java.io.Serial;

/**
 * An htpasswd line Stowage refuses. The message names the line number and the reason but never the line's content,
 * which holds a password hash (or, for a plain-text line, the password itself).
 */
public final class HtpasswdException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int lineNumber;

    HtpasswdException(int lineNumber, String reason) {
        super("htpasswd line " + lineNumber + ": " + reason);
        this.lineNumber = lineNumber;
    }

    /** 1-based. */
    public int lineNumber() {
        return lineNumber;
    }
}
