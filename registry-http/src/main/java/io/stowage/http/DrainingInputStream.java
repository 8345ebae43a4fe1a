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
    private final boolean awaitsContinue;
    private boolean started;
    private boolean closed;

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

    @Override
    public int read() throws IOException {
        started = true;
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        started = true;
        return in.read(b, off, len);
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
