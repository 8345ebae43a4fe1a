package io.stowage.http.headers;

/**
 * Unsigned decimal numbers as HTTP grammars write them ({@code 1*DIGIT}). {@link Long#parseLong} is not enough on its
 * own: it accepts a sign and non-ASCII digits, and header values may carry more digits than a long holds.
 */
final class Digits {

    /** True for one or more ASCII digits and nothing else. */
    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The value of {@code digits}, or {@link Long#MAX_VALUE} when it is larger: a position no blob can reach behaves
     * the same as the largest one, so range arithmetic stays correct without ever overflowing.
     */
    static long saturatedValue(String digits) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return Long.MAX_VALUE;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** The exact value of {@code digits}, or -1 when it does not fit in a long. */
    static long exactValue(String digits) {
        long value = saturatedValue(digits);
        return value == Long.MAX_VALUE && compare(digits, Long.toString(Long.MAX_VALUE)) != 0 ? -1 : value;
    }

    /** Compares two digit strings by numeric value, whatever their length. */
    static int compare(String a, String b) {
        String x = stripLeadingZeros(a);
        String y = stripLeadingZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private Digits() {
    }
}
