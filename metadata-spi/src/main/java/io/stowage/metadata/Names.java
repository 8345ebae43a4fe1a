package io.stowage.metadata;

import java.util.Objects;

/**
 * The rule for the names access control stores: usernames, robot and group names, principals, creators, repository
 * globs. A name is 1 to {@value #MAX_LENGTH} characters, none of them a control character and all of them in the
 * Basic Multilingual Plane. The last part is what makes listings agree everywhere: for such strings the databases'
 * bytewise (UTF-8) order is exactly {@link String#compareTo}'s, which supplementary characters (surrogate pairs in
 * Java) would break. No control characters also means no NUL, which PostgreSQL refuses in text but SQLite would
 * store. Anything more particular (case, allowed punctuation) is the access-control service's to decide.
 */
public final class Names {

    public static final int MAX_LENGTH = 256;

    /** Whether {@code name} may be stored as a name. */
    public static boolean isValid(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH && storable(name);
    }

    /** {@code name}, or an {@link IllegalArgumentException} naming {@code what} (never the value: it may be secret). */
    public static String require(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!isValid(name)) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_LENGTH
                    + " characters of the Basic Multilingual Plane, without control characters");
        }
        return name;
    }

    /** As {@link #require}, for opaque text (hashes, scopes) of at most {@code maxLength} characters. */
    public static String requireText(String text, String what, int maxLength) {
        Objects.requireNonNull(text, what);
        if (text.isEmpty() || text.length() > maxLength || !storable(text)) {
            throw new IllegalArgumentException(what + " must be 1 to " + maxLength
                    + " characters of the Basic Multilingual Plane, without control characters");
        }
        return text;
    }

    private static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private Names() {
    }
}
