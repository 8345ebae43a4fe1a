package io.stowage.security.token;

import java.util.regex.Pattern;

/** Key ids: short, URL- and header-safe, so a kid can be logged and put in a JWKS without escaping. */
final class Kids {

    static final int MAX_LENGTH = 128;
    private static final Pattern GRAMMAR = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private Kids() {
    }

    static boolean isValid(String kid) {
        return kid != null && kid.length() <= MAX_LENGTH && GRAMMAR.matcher(kid).matches();
    }

    static String requireValid(String kid) {
        if (!isValid(kid)) {
            throw new IllegalArgumentException("key id must be 1 to " + MAX_LENGTH + " of A-Z a-z 0-9 . _ : -");
        }
        return kid;
    }
}
