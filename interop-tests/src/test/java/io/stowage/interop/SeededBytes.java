package io.stowage.interop;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A reproducible pseudo-random byte sequence of any length, generated on the fly: large blobs exist only as a seed
 * and a length, never in memory or on disk on the client side. Byte {@code i} of the sequence for a seed is always
 * the same, whatever the read sizes, and any window of it can be produced without generating what comes before, so
 * a chunk of a chunked upload is just {@code new SeededBytes(seed, offset, length)}.
 *
 * <p>Word {@code k} (bytes {@code 8k..8k+7}, little endian) is SplitMix64 of {@code seed + (k + 1) * GAMMA}: the
 * same values {@link java.util.SplittableRandom} yields, but addressable by position.
 */
public final class SeededBytes extends InputStream {

    private static final long GAMMA = 0x9e3779b97f4a7c15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long seed;
    private final long end;
    private long position;

    /** The bytes {@code [offset, offset + length)} of the sequence for {@code seed}. */
    public SeededBytes(long seed, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        this.seed = seed;
        this.position = offset;
        this.end = offset + length;
    }

    /** The first {@code length} bytes of the sequence for {@code seed}, in memory: for small blobs only. */
    public static byte[] bytes(long seed, int length) {
        byte[] result = new byte[length];
        new SeededBytes(seed, 0, length).read(result, 0, length);
        return result;
    }

    /** The sha256 digest ({@code sha256:<hex>}) of the first {@code length} bytes, by one streaming pass. */
    public static String digest(long seed, long length) {
        return Sha256.of(new SeededBytes(seed, 0, length)).digest();
    }

    @Override
    public int read() {
        if (position >= end) {
            return -1;
        }
        return byteAt(position++) & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) {
        Objects.checkFromIndexSize(off, len, buffer.length);
        if (len == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int n = (int) Math.min(len, end - position);
        int i = 0;
        // Byte by byte up to a word boundary, then whole words (the hot path), then the tail byte by byte.
        while (i < n && (position + i) % 8 != 0) {
            buffer[off + i] = byteAt(position + i);
            i++;
        }
        while (n - i >= 8) {
            LONGS.set(buffer, off + i, word((position + i) >>> 3));
            i += 8;
        }
        while (i < n) {
            buffer[off + i] = byteAt(position + i);
            i++;
        }
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }

    private byte byteAt(long index) {
        return (byte) (word(index >>> 3) >>> (8 * (index & 7)));
    }

    private long word(long k) {
        long z = seed + (k + 1) * GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
