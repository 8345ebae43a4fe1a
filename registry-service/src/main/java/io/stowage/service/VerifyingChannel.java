package io.stowage.service;

import io.stowage.oci.Digest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A whole blob's bytes as they are read, hashed on the way. The read that delivers the last of {@code size} bytes
 * compares the digest before it returns, and a channel that ends early is a mismatch too: on a mismatch it does not
 * return those bytes but calls {@link Mismatch#found}, which throws. A reader that writes each buffer out after
 * reading it therefore never sends the last bytes of a blob that does not match: its client sees a cut-off download,
 * never a complete wrong one. A match calls {@code matched} once, before the read that completes the blob returns.
 */
final class VerifyingChannel implements ReadableByteChannel {

    /** Called once on a mismatch; throws what the reader should see. */
    @FunctionalInterface
    interface Mismatch {
        void found(long bytesRead) throws IOException;
    }

    private final ReadableByteChannel in;
    private final Digest digest;
    private final long size;
    private final Mismatch mismatch;
    private final Runnable matched;
    private final MessageDigest hash;
    private long read;
    private boolean checked;

    VerifyingChannel(ReadableByteChannel in, Digest digest, long size, Mismatch mismatch, Runnable matched) {
        this.in = Objects.requireNonNull(in, "in");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.size = size;
        this.mismatch = Objects.requireNonNull(mismatch, "mismatch");
        this.matched = Objects.requireNonNull(matched, "matched");
        this.hash = digest.algorithm().newMessageDigest();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int n = in.read(dst);
        if (n < 0) {
            if (!checked && read < size) {
                fail();
            }
            return n;
        }
        if (n > 0) {
            ByteBuffer received = dst.duplicate();
            received.limit(start + n).position(start);
            hash.update(received);
            read += n;
        }
        if (!checked && read >= size) {
            checked = true;
            if (read != size || !Digest.of(digest.algorithm(), hash).equals(digest)) {
                fail();
            }
            matched.run();
        }
        return n;
    }

    private void fail() throws IOException {
        checked = true;
        mismatch.found(read);
        throw new IOException("blob " + digest + " does not match its digest as read");
    }

    @Override
    public boolean isOpen() {
        return in.isOpen();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
