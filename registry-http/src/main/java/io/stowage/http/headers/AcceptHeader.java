package io.stowage.http.headers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The media ranges of an {@code Accept} header (RFC 9110, section 12.5.1), enough for manifest content negotiation:
 * is the stored media type acceptable? Parsing is forgiving because clients send all sorts of Accept values: an
 * element that cannot be understood is skipped, and a header with nothing understandable counts as absent (anything
 * goes). Media type parameters other than {@code q} are ignored when matching; manifest media types carry none.
 */
public final class AcceptHeader {

    /** {@code token} of RFC 9110, section 5.6.2. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** {@code qvalue} of RFC 9110, section 12.4.2, plus the {@code .5} form some clients (the JDK's) write. */
    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?|\\.[0-9]{1,3}");
    private static final int FULL_WEIGHT = 1000;

    /**
     * One media range with its weight in thousandths (0 to 1000), so weights compare exactly. {@code type} and
     * {@code subtype} are lower-case; either may be {@code *}, but not a concrete subtype under a wildcard type.
     */
    public record MediaRange(String type, String subtype, int weight) {

        public MediaRange {
            if (weight < 0 || weight > FULL_WEIGHT) {
                throw new IllegalArgumentException("weight out of range: " + weight);
            }
            if (!isToken(type) || !isToken(subtype) || type.equals("*") && !subtype.equals("*")) {
                throw new IllegalArgumentException("invalid media range " + type + "/" + subtype);
            }
            type = type.toLowerCase(Locale.ROOT);
            subtype = subtype.toLowerCase(Locale.ROOT);
        }

        /** 2 for {@code type/subtype}, 1 for {@code type/*}, 0 for {@code *}{@code /*}: more specific ranges win. */
        int specificity() {
            return type.equals("*") ? 0 : subtype.equals("*") ? 1 : 2;
        }

        boolean matches(String otherType, String otherSubtype) {
            return type.equals("*") || type.equals(otherType) && (subtype.equals("*") || subtype.equals(otherSubtype));
        }
    }

    /**
     * The header parsed last. A client sends the same Accept value on every pull, so on the manifest path most parses
     * are one string comparison; the value is immutable, so sharing it between threads is safe.
     */
    private static volatile AcceptHeader lastParsed;

    /** What was parsed, null for an absent header. */
    private final String source;
    private final List<MediaRange> ranges;

    private AcceptHeader(String source, List<MediaRange> ranges) {
        this.source = source;
        this.ranges = List.copyOf(ranges);
    }

    /** Never throws; {@code null} is an absent header. Several header lines may be joined with commas. */
    public static AcceptHeader parse(String headerOrNull) {
        AcceptHeader last = lastParsed;
        if (last != null && java.util.Objects.equals(last.source, headerOrNull)) {
            return last;
        }
        AcceptHeader parsed = parseNew(headerOrNull);
        lastParsed = parsed;
        return parsed;
    }

    private static AcceptHeader parseNew(String headerOrNull) {
        List<MediaRange> ranges = new ArrayList<>();
        if (headerOrNull != null) {
            for (String element : splitOutsideQuotes(headerOrNull, ',')) {
                MediaRange range = parseElement(element);
                if (range != null) {
                    ranges.add(range);
                }
            }
        }
        return new AcceptHeader(headerOrNull, ranges);
    }

    /**
     * The media type of a {@code Content-Type} value: parameters dropped, trimmed, lower-case; empty for an absent
     * header.
     */
    public static String mediaTypeOf(String contentTypeHeader) {
        if (contentTypeHeader == null) {
            return "";
        }
        int semicolon = contentTypeHeader.indexOf(';');
        String type = semicolon < 0 ? contentTypeHeader : contentTypeHeader.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    /** The understood media ranges, in header order; empty means the client accepts anything. */
    public List<MediaRange> ranges() {
        return ranges;
    }

    /**
     * Whether {@code mediaType} (parameters allowed, ignored) is acceptable: the most specific matching ranges decide,
     * and they must give it a non-zero weight. A malformed media type is only acceptable when anything is.
     */
    public boolean accepts(String mediaType) {
        if (ranges.isEmpty()) {
            return true;
        }
        String normalized = mediaTypeOf(mediaType);
        int slash = normalized.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String type = normalized.substring(0, slash);
        String subtype = normalized.substring(slash + 1);
        int bestSpecificity = -1;
        int bestWeight = 0;
        for (MediaRange range : ranges) {
            if (!range.matches(type, subtype)) {
                continue;
            }
            if (range.specificity() > bestSpecificity) {
                bestSpecificity = range.specificity();
                bestWeight = range.weight();
            } else if (range.specificity() == bestSpecificity) {
                // The same range listed twice with different weights: the kinder reading wins.
                bestWeight = Math.max(bestWeight, range.weight());
            }
        }
        return bestWeight > 0;
    }

    @Override
    public String toString() {
        return "AcceptHeader" + ranges;
    }

    private static MediaRange parseElement(String element) {
        List<String> parts = splitOutsideQuotes(element, ';');
        String mediaRange = parts.get(0).trim();
        // A bare "*" is not RFC 9110, but old clients (the JDK's HttpURLConnection) send it meaning "*/*".
        if (mediaRange.equals("*")) {
            mediaRange = "*/*";
        }
        int slash = mediaRange.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String type = mediaRange.substring(0, slash);
        String subtype = mediaRange.substring(slash + 1);
        if (!isToken(type) || !isToken(subtype) || type.equals("*") && !subtype.equals("*")) {
            return null;
        }
        int weight = FULL_WEIGHT;
        for (int i = 1; i < parts.size(); i++) {
            String parameter = parts.get(i).trim();
            int equals = parameter.indexOf('=');
            if (equals < 0) {
                continue;
            }
            if (parameter.substring(0, equals).trim().equalsIgnoreCase("q")) {
                weight = weight(parameter.substring(equals + 1).trim());
                if (weight < 0) {
                    return null;
                }
                break;
            }
        }
        return new MediaRange(type, subtype, weight);
    }

    /** Thousandths, or -1 when not a qvalue. */
    private static int weight(String qvalue) {
        if (!QVALUE.matcher(qvalue).matches()) {
            return -1;
        }
        int dot = qvalue.indexOf('.');
        if (dot < 0) {
            return Integer.parseInt(qvalue) * FULL_WEIGHT;
        }
        String whole = qvalue.substring(0, dot);
        String fraction = (qvalue.substring(dot + 1) + "000").substring(0, 3);
        return (whole.isEmpty() ? 0 : Integer.parseInt(whole) * FULL_WEIGHT) + Integer.parseInt(fraction);
    }

    private static boolean isToken(String s) {
        return s != null && TOKEN.matcher(s).matches();
    }

    /** Splits on {@code separator} except inside quoted strings, where a backslash escapes the next character. */
    private static List<String> splitOutsideQuotes(String s, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\' && i + 1 < s.length()) {
                current.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }
}
