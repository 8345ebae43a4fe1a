package io.stowage.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per request in logfmt: easy for people to read and for log shippers to parse. Paths are
 * logged decoded; query strings are not logged, since later they may carry tokens.
 */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.stowage.access");

    void log(Exchange exchange, long bytesIn, long durationNanos, Throwable failure) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        StringBuilder line = new StringBuilder(200)
                .append("method=").append(exchange.method())
                .append(" path=").append(quote(exchange.path()))
                .append(" status=").append(exchange.status())
                .append(" bytes_in=").append(bytesIn)
                .append(" bytes_out=").append(exchange.bytesOut())
                .append(" duration_ms=").append(String.format(java.util.Locale.ROOT, "%.3f", durationNanos / 1e6))
                .append(" client=").append(exchange.clientAddress())
                .append(" request_id=").append(exchange.requestId());
        String agent = exchange.header("User-Agent");
        if (agent != null) {
            line.append(" user_agent=").append(quote(agent));
        }
        if (failure != null) {
            line.append(" aborted=").append(quote(failure.getClass().getSimpleName()));
        }
        LOG.info(line.toString());
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
