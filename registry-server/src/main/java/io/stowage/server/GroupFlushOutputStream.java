package io.stowage.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's standard output, where its log goes: a writer copies its line into a buffer and returns, and one
 * thread writes what gathered with one system call after lingering {@link #LINGER_NANOS} for more. slf4j-simple
 * flushes after every line, which with the access log on was one {@code write(2)} per request; under load this is
 * about one per millisecond instead.
 *
 * <p>What it costs: a line reaches the output about a millisecond later, and a process killed hard (SIGKILL, a JVM
 * crash) loses the lines of that last millisecond. Nothing acknowledged to a client depends on the log. Order is
 * kept: every write to the underlying stream happens under one lock. {@link #close()}, which the JVM's shutdown
 * runs, writes the rest and switches to writing through, so a line written after it, by another shutdown hook
 * ("stopped"), is not lost either. A writer that finds {@link #MAX_PENDING} bytes waiting (the output is blocked)
 * writes through as well, so memory stays bounded and a stuck output slows the server as it did before.
 */
final class GroupFlushOutputStream extends OutputStream {

    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final int MAX_PENDING = 1 << 20;

    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition hasData = lock.newCondition();
    private byte[] pending = new byte[64 * 1024];
    private int count;
    private boolean writeThrough;

    GroupFlushOutputStream(OutputStream out) {
        this.out = out;
        Thread.ofPlatform().daemon().name("stowage-log-writer").start(this::run);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            if (writeThrough || count + len > MAX_PENDING) {
                writePending();
                out.write(b, off, len);
                out.flush();
                return;
            }
            if (count + len > pending.length) {
                pending = Arrays.copyOf(pending, Math.min(MAX_PENDING, Math.max(pending.length * 2, count + len)));
            }
            System.arraycopy(b, off, pending, count, len);
            boolean wasEmpty = count == 0;
            count += len;
            if (wasEmpty) {
                hasData.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Nothing to do here: the writer thread flushes within {@link #LINGER_NANOS}; see the class comment. */
    @Override
    public void flush() {
    }

    /** Writes what is pending and from now on writes through. Closing twice is harmless. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            writeThrough = true;
            writePending();
            hasData.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            lock.lock();
            try {
                while (count == 0 && !writeThrough) {
                    hasData.awaitUninterruptibly();
                }
                if (writeThrough) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            // Let the lines of other requests gather: one write for all of them.
            java.util.concurrent.locks.LockSupport.parkNanos(LINGER_NANOS);
            lock.lock();
            try {
                writePending();
            } catch (IOException e) {
                // Standard output is gone: there is nowhere left to say so. The lines are dropped, the server goes on.
                count = 0;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Under the lock. */
    private void writePending() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            out.write(pending, 0, n);
            out.flush();
        }
    }
}
