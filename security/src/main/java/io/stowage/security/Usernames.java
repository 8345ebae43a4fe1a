package io.stowage.security;

import java.util.regex.Pattern;

/**
 * The one username grammar of Stowage, {@code [a-z0-9][a-z0-9._-]{0,63}}: shared by htpasswd import, the token
 * endpoint and account management so that a name valid in one place is valid everywhere. Lower case only, so two
 * accounts can never differ by case alone; no {@code :} (the htpasswd and Basic-auth separator), no {@code /}, no
 * whitespace.
 */
public final class Usernames {

    public static final int MAX_LENGTH = 64;
    private static final Pattern GRAMMAR = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private Usernames() {
    }

    public static boolean isValid(String username) {
        // The length check first keeps the regex away from huge inputs.
        return username != null && !username.isEmpty() && username.length() <= MAX_LENGTH
                && GRAMMAR.matcher(username).matches();
    }

    /**
     * Returns {@code username} if valid.
     *
     * @throws IllegalArgumentException naming the rule, not the value (it may be a password typed in the wrong field)
     */
    public static String requireValid(String username) {
        if (!isValid(username)) {
            throw new IllegalArgumentException(
                    "invalid username: 1 to 64 of a-z 0-9 . _ -, starting with a letter or digit");
        }
        return username;
    }
}
