package io.stowage.server.cli;

import java.io.Serial;

/** The command line is wrong: exit code 2, with the message and the command's usage. */
final class UsageException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
