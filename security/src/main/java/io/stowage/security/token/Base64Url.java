package io.stowage.security.token;

import java.util.Base64;
import java.util.Optional;

/**
 * Unpadded base64url (RFC 7515 section 2). Decoding is strict and canonical: no padding, no other characters, and
 * no unused bits set, so every byte string has exactly one encoding and a token can't be varied without changing
 * what it says.
 */
final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Base64Url() {
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    static Optional<byte[]> decode(String text) {
        if (text == null || text.length() % 4 == 1) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isAlphabet(text.charAt(i))) {
                return Optional.empty();
            }
        }
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        return encode(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
    }
}
