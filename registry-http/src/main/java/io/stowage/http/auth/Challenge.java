package io.stowage.http.auth;

import io.stowage.http.Exchange;
import io.stowage.oci.error.UnauthorizedException;

/**
 * Builds the {@code WWW-Authenticate} challenge of a 401: {@code Bearer realm="<token endpoint>",service="…"} plus the
 * scope the request needs and {@code error="insufficient_scope"} when a valid token was too narrow. The realm is the
 * configured one, or this registry's own {@code /token} as the client reached it (scheme and Host of the request).
 */
public record Challenge(String configuredRealm, String service) {

    private static final String TOKEN_PATH = "/token";

    public String header(Exchange exchange, UnauthorizedException e) {
        if (TOKEN_PATH.equals(exchange.path())) {
            // The token endpoint itself wants a username and password, not a token.
            return "Basic realm=\"" + service + "\"";
        }
        StringBuilder header = new StringBuilder("Bearer realm=\"").append(realm(exchange)).append("\",service=\"")
                .append(service).append('"');
        if (e.scope() != null) {
            header.append(",scope=\"").append(e.scope()).append('"');
        }
        if (e.insufficientScope()) {
            header.append(",error=\"insufficient_scope\"");
        }
        return header.toString();
    }

    private String realm(Exchange exchange) {
        if (configuredRealm != null && !configuredRealm.isEmpty()) {
            return configuredRealm;
        }
        String host = exchange.header("Host");
        if (host == null || !safeHost(host)) {
            host = exchange.localAuthority();
        }
        return exchange.scheme() + "://" + host + TOKEN_PATH;
    }

    /** A Host header goes into a quoted header value: only host, IPv6 literal and port characters may. */
    static boolean safeHost(String host) {
        if (host.isEmpty() || host.length() > 255) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '-' || c == ':' || c == '[' || c == ']';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
