package io.stowage.service.access;

/**
 * A pattern over repository names, as rules and robot scopes use them: {@code *} matches within one path component
 * (no {@code /}), {@code **} matches across components, {@code ?} one character other than {@code /}; everything else
 * matches itself. {@code team-a/**} covers every repository below {@code team-a/}, {@code team-a/*-prod} only direct
 * children ending in {@code -prod}. Matched by a table over pattern and name positions rather than a regular
 * expression, so no pattern can make a match take more than length × length steps.
 */
public record RepositoryGlob(String text) {

    public static final int MAX_LENGTH = 256;

    public RepositoryGlob {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a repository glob has 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new IllegalArgumentException("a repository glob has no control characters");
            }
        }
    }

    public static RepositoryGlob parse(String text) {
        return new RepositoryGlob(text);
    }

    /** Whether the glob has no wildcard, so it names one repository. */
    public boolean isLiteral() {
        return text.indexOf('*') < 0 && text.indexOf('?') < 0;
    }

    public boolean matches(String name) {
        int p = text.length();
        int n = name.length();
        // reachable[j]: the pattern prefix processed so far can match name[0, j).
        boolean[] reachable = new boolean[n + 1];
        reachable[0] = true;
        int i = 0;
        while (i < p) {
            char c = text.charAt(i);
            boolean[] next = new boolean[n + 1];
            if (c == '*') {
                boolean crossesSlash = i + 1 < p && text.charAt(i + 1) == '*';
                while (i + 1 < p && text.charAt(i + 1) == '*') {
                    i++;
                }
                boolean carry = false;
                for (int j = 0; j <= n; j++) {
                    if (reachable[j]) {
                        carry = true;
                    }
                    next[j] = carry;
                    if (j < n && !crossesSlash && name.charAt(j) == '/') {
                        carry = false;
                    }
                }
            } else {
                for (int j = 0; j < n; j++) {
                    if (reachable[j] && (c == '?' ? name.charAt(j) != '/' : name.charAt(j) == c)) {
                        next[j + 1] = true;
                    }
                }
            }
            reachable = next;
            i++;
        }
        return reachable[n];
    }

    @Override
    public String toString() {
        return text;
    }
}
