package io.stowage.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that, when closed before its end, first reads and drops what is left, up to a limit. Jetty aborts
 * a connection whose request body was not consumed when the response completed; a client still sending that body
 * then gets a broken pipe instead of the answer (RFC 9112, section 9.6), be it a 404 for an unknown upload or a
 * 413 for an oversized manifest. Past the limit the rest stays unread and the connection goes: no answer is worth
 * reading gigabytes for. {@link #peek()} looks at the first byte (is there a body at all?) without losing it.
 */
final class DrainingInputStream extends FilterInputStream {

    private final long limit;
    private final boolean awaitsContinue;
    private static final int NOTHING_PEEKED = -2;

    private boolean started;
    private boolean closed;
    /** The byte {@link #peek()} read and no read has returned yet, -1 for the end, or {@link #NOTHING_PEEKED}. */
    private int peeked = NOTHING_PEEKED;

    /**
     * @param awaitsContinue the client sent {@code Expect: 100-continue}: until something is read it has not sent
     *                       the body, and draining would only ask for it
     */
    DrainingInputStream(InputStream in, long limit, boolean awaitsContinue) {
        super(in);
        this.limit = limit;
        this.awaitsContinue = awaitsContinue;
    }

    /** Whether a body the client holds back for "100 Continue" was never asked for. */
    boolean bodyNeverRequested() {
        return awaitsContinue && !started;
    }

    /** The next byte, or -1 at the end, which the next read returns again; blocks as a read does. */
    int peek() throws IOException {
        if (peeked == NOTHING_PEEKED) {
            started = true;
            peeked = in.read();
        }
        return peeked;
    }

    @Override
    public int read() throws IOException {
        started = true;
        if (peeked != NOTHING_PEEKED) {
            int b = peeked;
            if (b >= 0) {
                peeked = NOTHING_PEEKED;
            }
            return b;
        }
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        started = true;
        if (peeked != NOTHING_PEEKED && len > 0) {
            if (peeked < 0) {
                return -1;
            }
            b[off] = (byte) peeked;
            peeked = NOTHING_PEEKED;
            int more = len > 1 && in.available() > 0 ? in.read(b, off + 1, len - 1) : 0;
            return 1 + Math.max(more, 0);
        }
        return in.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
        if (peeked != NOTHING_PEEKED && n > 0) {
            if (peeked < 0) {
                return 0;
            }
            peeked = NOTHING_PEEKED;
            return 1 + Math.max(0, in.skip(n - 1));
        }
        return in.skip(n);
    }

    @Override
    public int available() throws IOException {
        return (peeked >= 0 ? 1 : 0) + in.available();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!bodyNeverRequested()) {
                drain();
            }
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
