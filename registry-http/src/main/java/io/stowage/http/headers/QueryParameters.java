package io.stowage.http.headers;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a raw (still encoded) query string, {@code application/x-www-form-urlencoded} style: pairs split
 * on {@code &}, {@code +} is a space, percent-escapes are UTF-8. Decoding is strict, because a lenient decoder would
 * turn a malformed {@code digest} or {@code last} into a different, valid-looking value.
 */
public final class QueryParameters {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * @param rawQuery the query without its {@code ?}, or null for none
     * @throws IllegalArgumentException for a malformed percent-escape or escapes that are not UTF-8
     */
    public static QueryParameters parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        values.replaceAll((name, list) -> List.copyOf(list));
        return new QueryParameters(values);
    }

    /**
     * Percent-encodes everything but RFC 3986's unreserved characters, so the result is safe in a query value, a path
     * segment and a {@code Link} header alike.
     *
     * @throws IllegalArgumentException when {@code value} is not well-formed UTF-16 (an unpaired surrogate)
     */
    public static String encode(String value) {
        ByteBuffer bytes;
        try {
            bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not well-formed UTF-16", e);
        }
        StringBuilder out = new StringBuilder(bytes.remaining() * 3);
        while (bytes.hasRemaining()) {
            int b = bytes.get() & 0xFF;
            if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
                    || b == '-' || b == '.' || b == '_' || b == '~') {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    /** The first value of {@code name}; a parameter written without {@code =} has the value "". */
    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    /** Every value of {@code name}, in query order; empty when absent. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    @Override
    public String toString() {
        return "QueryParameters" + values;
    }

    private static String decode(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (c == '%') {
                // A run of escapes is decoded together: one character may span several escaped UTF-8 bytes.
                ByteBuffer run = ByteBuffer.allocate(encoded.length() / 3 + 1);
                while (i < encoded.length() && encoded.charAt(i) == '%') {
                    run.put((byte) (hexValue(encoded, i + 1) << 4 | hexValue(encoded, i + 2)));
                    i += 3;
                }
                out.append(utf8(run.flip()));
            } else {
                out.append(c == '+' ? ' ' : c);
                i++;
            }
        }
        return out.toString();
    }

    private static int hexValue(String s, int index) {
        int digit = index < s.length() ? Character.digit(s.charAt(index), 16) : -1;
        // Character.digit also accepts non-ASCII digits, which are no hex digit in a URI.
        if (digit < 0 || s.charAt(index) > 'f') {
            throw new IllegalArgumentException("malformed percent-escape in query");
        }
        return digit;
    }

    private static String utf8(ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-escapes in query are not UTF-8", e);
        }
    }
}
