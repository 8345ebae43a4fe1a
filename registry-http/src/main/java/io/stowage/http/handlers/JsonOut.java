package io.stowage.http.handlers;

import java.util.Arrays;

/**
 * A JSON document written straight into a byte array, for responses that are long lists of strings (a tag list of
 * thousands of names): no tree, no per-value lookups of a serializer. The caller writes the punctuation with
 * {@link #raw}; {@link #string} writes a quoted, escaped string. Every character outside printable ASCII is written as
 * a {@code \\uXXXX} escape, so the output is ASCII (valid UTF-8 whatever the input, unpaired surrogates included).
 */
final class JsonOut {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;

    /** {@code capacity}: the expected size; the array grows as needed. */
    JsonOut(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** Appends {@code ascii} as it is: JSON punctuation and literals, never data. */
    JsonOut raw(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    JsonOut raw(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    /** Appends {@code value} as a JSON string. */
    JsonOut string(String value) {
        int n = value.length();
        ensure(n + 2);
        bytes[length++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                bytes[length++] = (byte) c;
            } else {
                escape(c, n - i + 1);
            }
        }
        bytes[length++] = '"';
        return this;
    }

    /**
     * Appends the strings in {@code text[0..textLength)}, one byte a character (ISO-8859-1), separated by
     * {@code separator}, as JSON strings separated by commas: {@code a,b} becomes {@code "a","b"}. One pass over the
     * bytes for a list that is already joined (a {@link io.stowage.oci.TagList}).
     */
    JsonOut stringsJoined(byte[] text, int textLength, byte separator) {
        ensure(textLength + 2);
        bytes[length++] = '"';
        for (int i = 0; i < textLength; i++) {
            byte b = text[i];
            if (b == separator) {
                ensure(textLength - i + 3);
                bytes[length++] = '"';
                bytes[length++] = ',';
                bytes[length++] = '"';
            } else if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
                bytes[length++] = b;
            } else {
                escape((char) (b & 0xff), textLength - i + 1);
            }
        }
        bytes[length++] = '"';
        return this;
    }

    byte[] toBytes() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    /** {@code reserved}: what the rest of the string needs, which {@link #string} ensured before escaping began. */
    private void escape(char c, int reserved) {
        ensure(6 + reserved);
        bytes[length++] = '\\';
        switch (c) {
            case '"' -> bytes[length++] = '"';
            case '\\' -> bytes[length++] = '\\';
            case '\n' -> bytes[length++] = 'n';
            case '\r' -> bytes[length++] = 'r';
            case '\t' -> bytes[length++] = 't';
            case '\b' -> bytes[length++] = 'b';
            case '\f' -> bytes[length++] = 'f';
            default -> {
                bytes[length++] = 'u';
                bytes[length++] = HEX[(c >> 12) & 0xf];
                bytes[length++] = HEX[(c >> 8) & 0xf];
                bytes[length++] = HEX[(c >> 4) & 0xf];
                bytes[length++] = HEX[c & 0xf];
            }
        }
    }

    private void ensure(int more) {
        if (bytes.length - length < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
