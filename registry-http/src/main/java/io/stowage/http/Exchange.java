package io.stowage.http;

import io.stowage.http.headers.QueryParameters;
import io.stowage.oci.error.ParameterInvalidException;
import io.stowage.service.access.Caller;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.OptionalLong;

/**
 * One request and its response, as the handlers see them: blocking, on a virtual thread. Handlers choose headers
 * and bodies; error statuses are chosen only by {@link ErrorMapper}. Every send method completes the response.
 */
public final class Exchange {

    /** The buffer an export of unknown length is written through. */
    static final int STREAM_BUFFER = StreamBuffers.PREFERRED;
    /** Unread request body drained before answering, so the client can finish sending and read the answer. */
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private final Request request;
    private final Response response;
    private final String requestId;
    private final StreamBuffers buffers;
    private final String path;
    private QueryParameters query;
    private DrainingInputStream body;
    private long bytesOut;
    private boolean completed;
    private Caller caller = Caller.ANONYMOUS;
    private boolean mounted;

    Exchange(Request request, Response response, String requestId, StreamBuffers buffers) {
        this.request = request;
        this.response = response;
        this.requestId = requestId;
        this.buffers = buffers;
        this.path = request.getHttpURI().getDecodedPath();
    }

    /** Who is calling, once the request's credentials were checked (anonymous until then). */
    public Caller caller() {
        return caller;
    }

    void authenticatedAs(Caller caller) {
        this.caller = caller;
    }

    /** Marks the response as a completed cross-repository mount, for the audit log. */
    public void markMounted() {
        this.mounted = true;
    }

    boolean mounted() {
        return mounted;
    }

    public String method() {
        return request.getMethod();
    }

    public boolean isHead() {
        return "HEAD".equals(request.getMethod());
    }

    public String path() {
        return path;
    }

    public String requestId() {
        return requestId;
    }

    /** {@code http} or {@code https}, as the client reached this server. */
    public String scheme() {
        String scheme = request.getHttpURI().getScheme();
        return "https".equalsIgnoreCase(scheme) ? "https" : "http";
    }

    /** This server's address and port as the client reached it, for when the Host header is unusable. */
    public String localAuthority() {
        String address = Request.getLocalAddr(request);
        if (address.indexOf(':') >= 0) {
            address = "[" + address + "]";
        }
        return address + ":" + Request.getLocalPort(request);
    }

    public String clientAddress() {
        return Request.getRemoteAddr(request);
    }

    public QueryParameters query() {
        if (query == null) {
            try {
                query = QueryParameters.parse(request.getHttpURI().getQuery());
            } catch (IllegalArgumentException e) {
                throw new ParameterInvalidException("malformed query string");
            }
        }
        return query;
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** All values of a header joined with ", " (a header may be sent several times), or null. */
    public String joinedHeader(String name) {
        var values = request.getHeaders().getValuesList(name);
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** The declared Content-Length, absent for chunked transfer encoding. */
    public OptionalLong contentLength() {
        long length = request.getHeaders().getLongField("Content-Length");
        return length >= 0 ? OptionalLong.of(length) : OptionalLong.empty();
    }

    /**
     * Whether the request carries a body. Its headers say so (a positive Content-Length, or chunked transfer), except
     * over HTTP/2 and later, where a body of unknown length has neither header: then the answer is whether a first
     * byte arrives before the request's end, which waits for the client as reading the body would. The byte is kept
     * for {@link #body()}.
     */
    public boolean hasBody() throws IOException {
        if (contentLength().isPresent() || request.getHeaders().contains("Transfer-Encoding")
                || request.getConnectionMetaData().getHttpVersion().getVersion() < 20) {
            return declaresBody();
        }
        return drainingBody().peek() >= 0;
    }

    /** Whether the headers announce a body (a positive Content-Length, or chunked transfer); reads nothing. */
    private boolean declaresBody() {
        OptionalLong length = contentLength();
        return length.isPresent() ? length.getAsLong() > 0 : request.getHeaders().contains("Transfer-Encoding");
    }

    /**
     * The request body, one stream per exchange. Closing it early drains the rest (see {@link DrainingInputStream}),
     * so handlers may stop reading whenever they have their answer.
     */
    public InputStream body() {
        return drainingBody();
    }

    private DrainingInputStream drainingBody() {
        if (body == null) {
            body = new DrainingInputStream(new RequestBodyInputStream(Content.Source.asInputStream(request)),
                    DRAIN_LIMIT, "100-continue".equalsIgnoreCase(request.getHeaders().get(HttpHeader.EXPECT)));
        }
        return body;
    }

    public Exchange setHeader(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    public Exchange removeHeader(String name) {
        response.getHeaders().remove(name);
        return this;
    }

    /** A response header already set, or null. */
    public String responseHeader(String name) {
        return response.getHeaders().get(name);
    }

    public boolean isCommitted() {
        return response.isCommitted();
    }

    boolean isCompleted() {
        return completed;
    }

    int status() {
        return response.getStatus();
    }

    long bytesOut() {
        return bytesOut;
    }

    /** A response without a body. */
    public void send(int status) throws IOException {
        response.setStatus(status);
        response.getHeaders().put("Content-Length", "0");
        finish(ByteBuffer.allocate(0));
    }

    /** A response with a small body held in memory (JSON documents, manifests). */
    public void send(int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", contentType);
        response.getHeaders().put("Content-Length", Long.toString(body.length));
        if (isHead()) {
            finish(ByteBuffer.allocate(0));
        } else {
            bytesOut += body.length;
            finish(ByteBuffer.wrap(body));
        }
    }

    /** Headers for a body whose length is known but which is not sent (HEAD). */
    public void sendHeadersOnly(int status, String contentType, long length) throws IOException {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", contentType);
        response.getHeaders().put("Content-Length", Long.toString(length));
        finish(ByteBuffer.allocate(0));
    }

    /**
     * Streams exactly {@code length} bytes of {@code in} through one pooled direct buffer (see {@link StreamBuffers}):
     * never more than one buffer in memory, and from a file channel no copy through the heap. Each write blocks until
     * the client has taken it, which is the backpressure.
     */
    public void stream(int status, String contentType, ReadableByteChannel in, long length) throws IOException {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", contentType);
        response.getHeaders().put("Content-Length", Long.toString(length));
        if (isHead() || length == 0) {
            finish(ByteBuffer.allocate(0));
            return;
        }
        closeIfBodyUnread();
        try (StreamBuffers.Lease lease = buffers.take(length)) {
            ByteBuffer buffer = lease.buffer();
            long remaining = length;
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                while (buffer.hasRemaining()) {
                    if (in.read(buffer) < 0) {
                        // Storage holds less than the index says: a server fault, never the client's.
                        throw new IllegalStateException("stored content ended " + (remaining - buffer.position())
                                + " bytes early");
                    }
                }
                buffer.flip();
                remaining -= buffer.remaining();
                bytesOut += buffer.remaining();
                Content.Sink.write(response, remaining == 0, buffer);
            }
        }
        completed = true;
    }

    /** Writes a body of unknown length as it goes; see {@link #streamWritten}. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * A body of unknown length, written by {@code writer} as it goes (chunked transfer encoding): for exports too
     * large to hold in memory. The response commits only once a buffer is full, so a writer that fails before writing
     * anything still gets an error response; after that, the connection is aborted.
     */
    public void streamWritten(int status, String contentType, BodyWriter writer) throws IOException {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", contentType);
        if (isHead()) {
            finish(ByteBuffer.allocate(0));
            return;
        }
        closeIfBodyUnread();
        OutputStream out = new BufferedOutputStream(new FilterOutputStream(Content.Sink.asOutputStream(response)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                bytesOut += len;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                bytesOut++;
            }
        }, STREAM_BUFFER);
        writer.write(out);
        // Closed only on success: closing after a failure would send what was buffered as a complete response.
        out.close();
        completed = true;
    }

    private void finish(ByteBuffer content) throws IOException {
        closeIfBodyUnread();
        Content.Sink.write(response, true, content);
        completed = true;
    }

    /**
     * Before a response goes out, whatever request body the handler left unread (an error answered early, a 413) is
     * drained up to {@link #DRAIN_LIMIT}. If some is still left, Jetty will close the connection after the response;
     * {@code Connection: close} says so, or a client would pool the connection and lose its next request on it.
     */
    private void closeIfBodyUnread() {
        if (response.isCommitted() || (body == null && !declaresBody())) {
            return; // nothing to drain: the common case of a GET or HEAD stays free of it
        }
        if (drainingBody().bodyNeverRequested()) {
            // The client waits for "100 Continue" before sending its body. Reading would invite the very body this
            // answer refuses; not reading means it is never sent, and the connection is not reused.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            return;
        }
        try {
            body().close();
        } catch (IOException e) {
            // Draining is best effort; consumeAvailable below tells whether the connection can be kept.
        }
        if (!request.consumeAvailable()) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
    }

    /** Clears what a failed handler may have set, before the error mapper writes the error response. */
    void resetForError() {
        if (!response.isCommitted()) {
            response.reset();
        }
    }
}
