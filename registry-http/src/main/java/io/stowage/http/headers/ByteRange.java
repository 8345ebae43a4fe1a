package io.stowage.http.headers;

import io.stowage.oci.error.RangeNotSatisfiableException;

import java.util.Optional;

/**
 * The single byte range a blob GET serves, inclusive at both ends and always inside the blob (RFC 9110, section
 * 14.1.2). Only one range is ever served: {@code multipart/byteranges} buys registry clients nothing, and RFC 9110
 * lets a server ignore a Range header it does not want to honour and answer 200 with the whole blob.
 */
public record ByteRange(long first, long last) {

    private static final String UNIT = "bytes";

    public ByteRange {
        // last < MAX_VALUE keeps length() from overflowing.
        if (first < 0 || last < first || last == Long.MAX_VALUE) {
            throw new IllegalArgumentException("invalid byte range " + first + "-" + last);
        }
    }

    /**
     * The range {@code header} asks for in a blob of {@code contentLength} bytes, or empty when the header is to be
     * ignored and the whole blob served: absent, another unit, not valid RFC 9110 syntax, or several ranges. A last
     * position past the end is clamped to the blob, as RFC 9110 requires.
     *
     * @throws RangeNotSatisfiableException for a valid range that selects nothing (first position at or past the end,
     *                                      or a zero-length suffix); the response is 416 with
     *                                      {@link #unsatisfiedContentRange(long)}
     */
    public static Optional<ByteRange> parse(String header, long contentLength) {
        if (contentLength < 0) {
            throw new IllegalArgumentException("negative content length " + contentLength);
        }
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        int equals = value.indexOf('=');
        if (equals < 0 || !value.substring(0, equals).equalsIgnoreCase(UNIT)) {
            return Optional.empty();
        }
        String spec = singleRangeSpec(value.substring(equals + 1));
        if (spec == null) {
            return Optional.empty();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String firstPos = spec.substring(0, dash);
        String lastPos = spec.substring(dash + 1);
        return firstPos.isEmpty() ? suffix(lastPos, contentLength) : span(firstPos, lastPos, contentLength);
    }

    /** {@code Content-Range} of a 416 response. */
    public static String unsatisfiedContentRange(long total) {
        if (total < 0) {
            throw new IllegalArgumentException("negative total " + total);
        }
        return "bytes */" + total;
    }

    public long length() {
        return last - first + 1;
    }

    /** {@code Content-Range} of the 206 response serving this range of a blob of {@code total} bytes. */
    public String contentRangeHeader(long total) {
        if (total <= last) {
            throw new IllegalArgumentException("range " + first + "-" + last + " is not inside " + total + " bytes");
        }
        return "bytes " + first + "-" + last + "/" + total;
    }

    /** The one non-empty element of the range set, or null when there are none or several. */
    private static String singleRangeSpec(String rangeSet) {
        String spec = null;
        // Empty list elements are legal in HTTP lists ("bytes=0-1,") and must be skipped, not counted.
        for (String element : rangeSet.split(",", -1)) {
            String trimmed = element.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (spec != null) {
                return null;
            }
            spec = trimmed;
        }
        return spec;
    }

    private static Optional<ByteRange> span(String firstPos, String lastPos, long contentLength) {
        boolean open = lastPos.isEmpty();
        if (!Digits.isDigits(firstPos) || !open && !Digits.isDigits(lastPos)) {
            return Optional.empty();
        }
        // Compared as digit strings so that two numbers beyond a long still order correctly.
        if (!open && Digits.compare(lastPos, firstPos) < 0) {
            return Optional.empty();
        }
        long first = Digits.saturatedValue(firstPos);
        if (first >= contentLength) {
            throw new RangeNotSatisfiableException("range starts at " + firstPos + " but the blob has " + contentLength + " bytes");
        }
        long last = open ? contentLength - 1 : Math.min(Digits.saturatedValue(lastPos), contentLength - 1);
        return Optional.of(new ByteRange(first, last));
    }

    private static Optional<ByteRange> suffix(String suffixLength, long contentLength) {
        if (!Digits.isDigits(suffixLength)) {
            return Optional.empty();
        }
        long n = Digits.saturatedValue(suffixLength);
        if (n == 0) {
            throw new RangeNotSatisfiableException("a suffix range of zero bytes selects nothing");
        }
        // A non-zero suffix of an empty blob is satisfiable but selects no bytes, which a ByteRange cannot express;
        // the full (empty) 200 response is exactly what it asks for.
        if (contentLength == 0) {
            return Optional.empty();
        }
        return Optional.of(new ByteRange(contentLength - Math.min(n, contentLength), contentLength - 1));
    }
}
