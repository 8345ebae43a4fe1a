package io.stowage.http.handlers;

import io.stowage.http.Exchange;
import io.stowage.oci.error.MethodNotAllowedException;

/** The 405 answer for a method an endpoint does not support, with the Allow header. */
final class Methods {

    static MethodNotAllowedException notAllowed(Exchange exchange, String allow) {
        exchange.setHeader("Allow", allow);
        return new MethodNotAllowedException(exchange.method());
    }

    private Methods() {
    }
}
