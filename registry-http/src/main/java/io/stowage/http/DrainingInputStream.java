package io.stowage.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that, when closed before its end, first reads and drops what is left, up to a limit. Jetty aborts
 * a connection whose request body was not consumed when the response completed; a client still sending that body
 * then gets a broken pipe instead of the answer (RFC 9112, section 9.6), be it a 404 for an unknown upload or a
 * 413 for an oversized manifest. Past the limit the rest stays unread and the connection goes: no answer is worth
 * reading gigabytes for.
 */
final class DrainingInputStream extends FilterInputStream {

    private final long limit;
    private boolean closed;

    DrainingInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            drain();
        } catch (IOException e) {
            // The client went away or sent garbage: the connection is lost either way, and closing must go on.
        } finally {
            super.close();
        }
    }

    private void drain() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long remaining = limit;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                return;
            }
            remaining -= n;
        }
    }
}
