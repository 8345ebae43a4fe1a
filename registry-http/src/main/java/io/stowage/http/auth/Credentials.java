package io.stowage.http.auth;

import io.stowage.oci.error.UnauthorizedException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/** What an {@code Authorization} header carries: nothing, HTTP Basic credentials, or a bearer token. */
public sealed interface Credentials {

    /** Longer headers are refused before any decoding: no real credential or token comes near it. */
    int MAX_LENGTH = 16 * 1024;

    None NONE = new None();

    record None() implements Credentials {
    }

    /** The password is a char array so the caller can wipe it; {@link #toString()} never shows it. */
    record Basic(String username, char[] password) implements Credentials {
        @Override
        public String toString() {
            return "Basic[username=" + username + "]";
        }
    }

    record Bearer(String token) implements Credentials {
        @Override
        public String toString() {
            return "Bearer[(hidden)]";
        }
    }

    /**
     * Parses the header value (null: no header).
     *
     * @throws UnauthorizedException for anything malformed or of another scheme; never another exception
     */
    static Credentials parse(String header) {
        if (header == null) {
            return NONE;
        }
        if (header.length() > MAX_LENGTH) {
            throw malformed();
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space <= 0) {
            throw malformed();
        }
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        String rest = value.substring(space + 1).strip();
        if (rest.isEmpty()) {
            throw malformed();
        }
        return switch (scheme) {
            case "basic" -> basic(rest);
            case "bearer" -> bearer(rest);
            default -> throw new UnauthorizedException("unsupported authorization scheme");
        };
    }

    private static Credentials basic(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        char[] chars;
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            chars = new char[decoded.remaining()];
            decoded.get(chars);
            if (decoded.hasArray()) {
                Arrays.fill(decoded.array(), '\0');
            }
        } catch (CharacterCodingException e) {
            throw malformed();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        int colon = -1;
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            Arrays.fill(chars, '\0');
            throw malformed();
        }
        String username = new String(chars, 0, colon);
        char[] password = Arrays.copyOfRange(chars, colon + 1, chars.length);
        Arrays.fill(chars, '\0');
        return new Basic(username, password);
    }

    private static Credentials bearer(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            // A JWT is base64url segments and dots; anything else can't be one of ours.
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_' && c != '.' && c != '=') {
                throw malformed();
            }
        }
        return new Bearer(token);
    }

    private static UnauthorizedException malformed() {
        return new UnauthorizedException("malformed authorization header");
    }
}
