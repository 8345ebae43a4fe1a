package io.stowage.http;

import java.io.IOException;

/**
 * The request body could not be read: the client disconnected, stalled past the idle timeout or sent broken
 * chunked encoding. The client's failure, not the registry's: answered 400 when still possible, never logged as an
 * error. Being an {@link IOException}, it passes through storage's "the source stream failed" path unchanged.
 */
public final class RequestBodyException extends IOException {
    RequestBodyException(IOException cause) {
        super("request body could not be read: " + cause.getClass().getSimpleName(), cause);
    }
}
