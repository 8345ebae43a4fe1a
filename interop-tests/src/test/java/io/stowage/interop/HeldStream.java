package io.stowage.interop;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request body that stops after {@code holdAt} bytes until released: the request is in flight, half sent, on the
 * test's terms rather than by timing. {@link #reachedHold} opens when the sender asks for the byte after the hold.
 */
public final class HeldStream extends InputStream {

    public final CountDownLatch reachedHold = new CountDownLatch(1);
    public final CountDownLatch release = new CountDownLatch(1);
    private final InputStream source;
    private final long holdAt;
    private long position;

    public HeldStream(InputStream source, long holdAt) {
        this.source = source;
        this.holdAt = holdAt;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        if (position == holdAt) {
            reachedHold.countDown();
            try {
                if (!release.await(2, TimeUnit.MINUTES)) {
                    throw new IOException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        int limit = position < holdAt ? (int) Math.min(len, holdAt - position) : len;
        int n = source.read(buffer, off, limit);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
