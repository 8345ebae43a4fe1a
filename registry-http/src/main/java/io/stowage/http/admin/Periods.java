package io.stowage.http.admin;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Periods in the administration API, in the grammar of the server's duration settings: a non-negative integer and a
 * unit, {@code ms}, {@code s}, {@code m}, {@code h} or {@code d} ({@code 30d}, {@code 12h}). Written back in the
 * largest unit that states them exactly.
 */
final class Periods {

    private static final Pattern GRAMMAR = Pattern.compile("([0-9]{1,12})(ms|s|m|h|d)");

    private Periods() {
    }

    /** Null for null; an {@link IllegalArgumentException} naming the field, never the value, when malformed. */
    static Duration parse(String text, String field) {
        if (text == null) {
            return null;
        }
        Matcher m = GRAMMAR.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(field + " must be a period such as 30d, 12h, 90m, 45s or 500ms");
        }
        long n = Long.parseLong(m.group(1));
        try {
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " is out of range");
        }
    }

    static String format(Duration period) {
        if (period == null) {
            return null;
        }
        long ms = period.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }
}
