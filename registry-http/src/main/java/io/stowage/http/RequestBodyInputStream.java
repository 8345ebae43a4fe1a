package io.stowage.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The request body, whose read failures say by their type that they are the client's ({@link RequestBodyException}). */
final class RequestBodyInputStream extends FilterInputStream {

    RequestBodyInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (RequestBodyException e) {
            throw e;
        } catch (IOException e) {
            throw new RequestBodyException(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (RequestBodyException e) {
            throw e;
        } catch (IOException e) {
            throw new RequestBodyException(e);
        }
    }
}
