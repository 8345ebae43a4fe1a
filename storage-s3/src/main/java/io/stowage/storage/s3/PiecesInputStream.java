package io.stowage.storage.s3;

import io.stowage.storage.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The concatenation of an object's pieces from an offset on, opening one piece's GET at a time, only when the
 * previous one is used up. A piece that is gone or shorter than listed means the object changed while being read
 * (it was moved or deleted), which ends the stream with an {@link IOException} rather than with wrong bytes.
 */
final class PiecesInputStream extends InputStream {

    private final BucketClient bucket;
    private final List<Piece> pieces;
    private int next;
    private long position;
    private InputStream current;
    private long currentEnd;
    private boolean closed;

    PiecesInputStream(BucketClient bucket, List<Piece> pieces, long offset) {
        this.bucket = bucket;
        this.pieces = List.copyOf(pieces);
        this.position = offset;
        while (next < this.pieces.size() && this.pieces.get(next).end() <= offset) {
            next++;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (current == null && !openNext()) {
                return -1;
            }
            int n = current.read(buffer, offset, (int) Math.min(length, currentEnd - position));
            if (n > 0) {
                position += n;
                if (position == currentEnd) {
                    finishCurrent();
                }
                return n;
            }
            if (n == -1) {
                throw new IOException("piece " + pieces.get(next - 1).name() + " ended " + (currentEnd - position)
                        + " bytes early: the object changed while being read");
            }
        }
    }

    /** Opens the piece holding {@link #position}; false after the last. */
    private boolean openNext() throws IOException {
        if (next == pieces.size()) {
            return false;
        }
        Piece piece = pieces.get(next++);
        try {
            current = bucket.read(piece.name(), position - piece.offset()).orElseThrow(() -> new IOException(
                    "piece " + piece.name() + " is gone: the object was moved or deleted while being read"));
        } catch (StorageException e) {
            throw new IOException(e.getMessage(), e);
        }
        currentEnd = piece.end();
        return true;
    }

    private void closeCurrent() throws IOException {
        InputStream done = current;
        current = null;
        done.close();
    }

    /** Closes a piece read to its listed end, after seeing its stream end there too (which keeps the connection). */
    private void finishCurrent() throws IOException {
        if (current.read() != -1) {
            closeCurrent();
            throw new IOException("piece " + pieces.get(next - 1).name()
                    + " is longer than listed: the object changed while being read");
        }
        closeCurrent();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            if (current != null) {
                closeCurrent();
            }
        }
    }
}
