package io.stowage.http.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A response as the spec tests see it: status, headers (names case-insensitive) and the raw body. The same type
 * serves the JDK client and the raw-socket client, so assertions do not care which one sent the request.
 */
record Response(int status, Map<String, List<String>> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    Response {
        Map<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseInsensitive.merge(name, List.copyOf(values),
                (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        headers = caseInsensitive;
    }

    /** The first value of a header, or null when absent. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    boolean hasHeader(String name) {
        return header(name) != null;
    }

    /** The Content-Type without parameters, lower-case; null when absent. */
    String mediaType() {
        String type = header("Content-Type");
        if (type == null) {
            return null;
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("response body is not JSON: " + text(), e);
        }
    }

    /** A one-line summary for assertion messages, so a failure shows what the server actually said. */
    String describe() {
        String shown = body.length > 500 ? new String(body, 0, 500, StandardCharsets.UTF_8) + "..." : text();
        return status + " " + headers + " " + shown;
    }
}
