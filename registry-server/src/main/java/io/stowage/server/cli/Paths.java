package io.stowage.server.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Percent-encoding of what the user typed, for the paths and queries of the administration API. */
final class Paths {

    private Paths() {
    }

    /** One path segment: everything but RFC 3986's unreserved characters is escaped (a / too). */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** A namespace: its slashes separate path segments, so they stay. */
    static String namespace(String name) {
        return Arrays.stream(name.split("/", -1)).map(Paths::segment).collect(Collectors.joining("/"));
    }

    static String query(String value) {
        return segment(value);
    }
}
