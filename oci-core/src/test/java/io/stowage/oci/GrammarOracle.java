package io.stowage.oci;

/**
 * Hand-written scanners for the spec's grammars, deliberately not regular expressions, so the property tests
 * check the production code against an independent reading of the spec rather than against a copy of itself.
 */
final class GrammarOracle {

    private GrammarOracle() {
    }

    /** {@code <name>}: '/'-separated components, each alnum runs joined by ".", "_", "__" or "-+"; at most 255. */
    static boolean isRepositoryName(String s) {
        if (s == null || s.isEmpty() || s.length() > 255) {
            return false;
        }
        int start = 0;
        while (true) {
            int slash = s.indexOf('/', start);
            int end = slash < 0 ? s.length() : slash;
            if (!isNameComponent(s, start, end)) {
                return false;
            }
            if (slash < 0) {
                return true;
            }
            start = slash + 1;
        }
    }

    private static boolean isNameComponent(String s, int from, int to) {
        if (from >= to || !isLowerAlnum(s.charAt(from)) || !isLowerAlnum(s.charAt(to - 1))) {
            return false;
        }
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (isLowerAlnum(c)) {
                i++;
                continue;
            }
            int runEnd = i;
            while (runEnd < to && !isLowerAlnum(s.charAt(runEnd))) {
                runEnd++;
            }
            if (!isSeparator(s.substring(i, runEnd))) {
                return false;
            }
            i = runEnd;
        }
        return true;
    }

    private static boolean isSeparator(String run) {
        if (run.equals(".") || run.equals("_") || run.equals("__")) {
            return true;
        }
        return run.chars().allMatch(c -> c == '-');
    }

    /** A tag: a word character first, then up to 127 of word characters, '.' and '-'. */
    static boolean isTag(String s) {
        if (s == null || s.isEmpty() || s.length() > 128) {
            return false;
        }
        if (!isAlnum(s.charAt(0)) && s.charAt(0) != '_') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** A digest with a registered algorithm: sha256 with 64 or sha512 with 128 lower-case hex digits. */
    static boolean isRegisteredDigest(String s) {
        if (s == null) {
            return false;
        }
        int expected;
        String encoded;
        if (s.startsWith("sha256:")) {
            expected = 64;
            encoded = s.substring("sha256:".length());
        } else if (s.startsWith("sha512:")) {
            expected = 128;
            encoded = s.substring("sha512:".length());
        } else {
            return false;
        }
        return encoded.length() == expected && encoded.chars().allMatch(c -> "0123456789abcdef".indexOf(c) >= 0);
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isAlnum(char c) {
        return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
    }
}
