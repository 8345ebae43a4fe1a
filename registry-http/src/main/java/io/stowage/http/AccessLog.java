package io.stowage.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per request in logfmt: easy for people to read and for log shippers to parse. Paths are
 * logged decoded; query strings are not logged, since later they may carry tokens.
 */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.stowage.access");

    /** What one line says; {@code userAgent} and {@code aborted} may be null. */
    record Entry(String method, String path, int status, long bytesIn, long bytesOut, long durationNanos,
                 String client, String requestId, String userAgent, String aborted) {
    }

    void log(Exchange exchange, long bytesIn, long durationNanos, Throwable failure) {
        if (LOG.isInfoEnabled()) {
            log(new Entry(exchange.method(), exchange.path(), exchange.status(), bytesIn, exchange.bytesOut(),
                    durationNanos, exchange.clientAddress(), exchange.requestId(), exchange.header("User-Agent"),
                    failure == null ? null : failure.getClass().getSimpleName()));
        }
    }

    void log(Entry entry) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder(200)
                .append("method=").append(entry.method())
                .append(" path=").append(quote(entry.path()))
                .append(" status=").append(entry.status())
                .append(" bytes_in=").append(entry.bytesIn())
                .append(" bytes_out=").append(entry.bytesOut())
                .append(" duration_ms=");
        appendMillis(line, entry.durationNanos());
        line.append(" client=").append(entry.client())
                .append(" request_id=").append(entry.requestId());
        if (entry.userAgent() != null) {
            line.append(" user_agent=").append(quote(entry.userAgent()));
        }
        if (entry.aborted() != null) {
            line.append(" aborted=").append(quote(entry.aborted()));
        }
        LOG.info(line.toString());
    }

    /**
     * Milliseconds with three decimals, rounded to the microsecond, as {@code %.3f} would write them but without
     * a Formatter: this runs for every request.
     */
    static void appendMillis(StringBuilder out, long nanos) {
        long micros = (Math.max(0, nanos) + 500) / 1000;
        long fraction = micros % 1000;
        out.append(micros / 1000).append('.');
        if (fraction < 100) {
            out.append(fraction < 10 ? "00" : "0");
        }
        out.append(fraction);
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length() && i < 512; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
