package io.stowage.http.headers;

import io.stowage.oci.error.RangeNotSatisfiableException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Content-Range} of an upload PATCH or closing PUT: the chunk's first and last byte offsets in the blob,
 * inclusive at both ends. The spec's grammar is {@code ^[0-9]+-[0-9]+$}; some clients write the RFC 9110 form
 * {@code bytes <start>-<end>/<total>} (or {@code bytes=...}), which means the same and is accepted too.
 */
public record ChunkRange(long start, long end) {

    private static final Pattern GRAMMAR =
            Pattern.compile("(?i:bytes(?:=|[ \\t]+))?([0-9]+)-([0-9]+)(?:/([0-9]+|\\*))?");

    public ChunkRange {
        // end < MAX_VALUE keeps length() from overflowing.
        if (start < 0 || end < start || end == Long.MAX_VALUE) {
            throw new RangeNotSatisfiableException("invalid chunk range " + start + "-" + end);
        }
    }

    /** @throws RangeNotSatisfiableException when the header is absent, malformed, or ends before it starts */
    public static ChunkRange parse(String header) {
        if (header == null) {
            throw new RangeNotSatisfiableException("missing Content-Range");
        }
        Matcher m = GRAMMAR.matcher(header.trim());
        if (!m.matches()) {
            throw malformed(header);
        }
        long start = Digits.exactValue(m.group(1));
        long end = Digits.exactValue(m.group(2));
        if (start < 0 || end < 0) {
            throw malformed(header);
        }
        String total = m.group(3);
        if (total != null && !total.equals("*")) {
            long size = Digits.exactValue(total);
            if (size < 0 || end >= size) {
                throw malformed(header);
            }
        }
        return new ChunkRange(start, end);
    }

    public long length() {
        return end - start + 1;
    }

    /** The spec's form, {@code <start>-<end>}. */
    public String toHeaderValue() {
        return start + "-" + end;
    }

    private static RangeNotSatisfiableException malformed(String header) {
        String shown = header.length() <= 64 ? header : header.substring(0, 64) + "...";
        return new RangeNotSatisfiableException("invalid Content-Range: " + shown);
    }
}
