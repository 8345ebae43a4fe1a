package io.stowage.http.admin;

import io.stowage.http.Exchange;
import io.stowage.http.headers.LinkHeader;
import io.stowage.http.headers.QueryParameters;
import io.stowage.oci.error.ParameterInvalidException;
import io.stowage.service.access.ClientInfo;
import io.stowage.service.access.admin.Actor;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** One call of an administration endpoint: its path parameters, query, body and caller, and how it answers. */
final class AdminCall {

    /** Request bodies are small documents; an htpasswd file of thousands of users still fits. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private final Exchange exchange;
    private final Map<String, String> parameters;

    AdminCall(Exchange exchange, Map<String, String> parameters) {
        this.exchange = exchange;
        this.parameters = parameters;
    }

    Actor actor() {
        return new Actor(exchange.caller(), new ClientInfo(exchange.clientAddress(), exchange.header("User-Agent")));
    }

    String parameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalStateException("no path parameter " + name);
        }
        return value;
    }

    QueryParameters query() {
        return exchange.query();
    }

    Optional<String> query(String name) {
        return exchange.query().first(name);
    }

    boolean flag(String name) {
        Optional<String> value = query(name);
        if (value.isEmpty()) {
            return false;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "", "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ParameterInvalidException(name + " must be true or false");
        };
    }

    /** {@code n}: 1 to {@value #MAX_PAGE} (more is cut down), {@value #DEFAULT_PAGE} when absent. */
    int pageSize() {
        OptionalLong n = nonNegativeLong("n");
        if (n.isPresent() && n.getAsLong() == 0) {
            throw new ParameterInvalidException("n must be a positive integer");
        }
        return (int) Math.min(MAX_PAGE, n.orElse(DEFAULT_PAGE));
    }

    OptionalLong nonNegativeLong(String name) {
        Optional<String> value = query(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long parsed = Long.parseLong(value.get());
            if (parsed >= 0) {
                return OptionalLong.of(parsed);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ParameterInvalidException(name + " must be a non-negative integer");
    }

    Instant instant(String name) {
        Optional<String> value = query(name);
        if (value.isEmpty() || value.get().isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value.get());
        } catch (DateTimeParseException e) {
            throw new ParameterInvalidException(name + " must be an RFC 3339 time, e.g. 2026-01-31T12:00:00Z");
        }
    }

    /** The JSON body as {@code type}: at most {@value #MAX_BODY_BYTES} bytes, sent as {@code application/json}. */
    <T> T body(Class<T> type) throws IOException {
        if (exchange.contentLength().orElse(0) > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = exchange.body()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return AdminJson.read(bytes, type);
    }

    private static ParameterInvalidException tooLarge() {
        return new ParameterInvalidException("the request body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    void header(String name, String value) {
        exchange.setHeader(name, value);
    }

    void json(int status, Object document) throws IOException {
        exchange.send(status, AdminJson.CONTENT_TYPE, AdminJson.write(document));
    }

    void noContent() throws IOException {
        exchange.send(204);
    }

    void jsonLines(Exchange.BodyWriter writer) throws IOException {
        exchange.streamWritten(200, "application/jsonl", writer);
    }

    void raw(int status, String contentType, byte[] body) throws IOException {
        exchange.send(status, contentType, body);
    }

    /** Points at the next page: {@code /api/v1<path>?<query>}, the query already encoded. */
    void nextLink(String path, String encodedQuery) {
        exchange.setHeader("Link", LinkHeader.next("/api/v1" + path + "?" + encodedQuery));
    }

    static String encode(String value) {
        return QueryParameters.encode(value);
    }
}
