package io.stowage.server.cli;

import java.io.Serial;

/** The registry refused the request or could not be reached: exit code 1, with what it said. */
final class ApiException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when the registry could not be reached. */
    int status() {
        return status;
    }
}
