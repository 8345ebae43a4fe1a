package io.stowage.security.password;

import java.util.Base64;
import java.util.Optional;

/**
 * The base64 dialects of password hash strings: PHC's (standard alphabet, no padding) and bcrypt's (its own
 * alphabet, no padding). Decoding is canonical: a string that would not be produced by encoding its bytes is
 * refused, so a hash has exactly one textual form.
 */
final class Phc {

    private static final String STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String BCRYPT = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Phc() {
    }

    static String encodeBase64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    static Optional<byte[]> decodeBase64(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (STANDARD.indexOf(text.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        return decodeCanonical(text);
    }

    static String encodeBcrypt(byte[] bytes) {
        return translate(encodeBase64(bytes), STANDARD, BCRYPT);
    }

    static Optional<byte[]> decodeBcrypt(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (BCRYPT.indexOf(text.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        // Same bit packing as standard base64, only the alphabet differs.
        return decodeCanonical(translate(text, BCRYPT, STANDARD)).filter(b -> encodeBcrypt(b).equals(text));
    }

    private static Optional<byte[]> decodeCanonical(String standardText) {
        if (standardText.length() % 4 == 1) {
            return Optional.empty();
        }
        byte[] bytes = Base64.getDecoder().decode(standardText);
        return encodeBase64(bytes).equals(standardText) ? Optional.of(bytes) : Optional.empty();
    }

    private static String translate(String text, String from, String to) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = to.charAt(from.indexOf(text.charAt(i)));
        }
        return new String(out);
    }
}
