package io.stowage.storage.s3;

import software.amazon.awssdk.core.ResponseInputStream;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of a GET that is dropped, not drained, when closed before its end: the HTTP client would otherwise read
 * the rest of a possibly huge object just to reuse the connection.
 */
final class DownloadStream extends InputStream {

    private final ResponseInputStream<?> body;
    private boolean ended;

    DownloadStream(ResponseInputStream<?> body) {
        this.body = body;
    }

    @Override
    public int read() throws IOException {
        int b = body.read();
        ended |= b == -1;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = body.read(buffer, offset, length);
        ended |= n == -1;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return body.skip(n);
    }

    @Override
    public int available() throws IOException {
        return body.available();
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            body.abort();
        }
        body.close();
    }
}
