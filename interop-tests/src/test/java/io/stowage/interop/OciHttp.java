package io.stowage.interop;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A raw OCI distribution client on the JDK's HttpClient, speaking the spec's push and pull flows request by request
 * so that tests see every status and header. Every call that expects a status fails with the request, the status,
 * the headers and the body in the message: a failure in a process-level test must be diagnosable from the report.
 * One instance is one client (its own connection pool); close it when done.
 */
public final class OciHttp implements AutoCloseable {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    private static final int SHOWN_BODY_CHARS = 2000;

    private final URI base;
    private final HttpClient client;
    private final Duration timeout;

    /** An open upload session: where to send the next request, and the bytes the registry reported having. */
    public record Upload(URI location, long received) {
    }

    /** A pulled manifest: the exact bytes, the Content-Type and the Docker-Content-Digest header. */
    public record Manifest(byte[] content, String mediaType, String digest) {
    }

    /**
     * @param base    {@code http://host:port}
     * @param timeout per request, a safety net against hangs (large transfers need a large one); the JDK applies it
     *                until the response headers arrive, so it covers an upload's body but not a download's
     */
    public OciHttp(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        // HTTP/1.1 explicitly: the default (HTTP/2) would add h2c upgrade headers to cleartext requests.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static OciHttp to(RegistryUnderTest registry) {
        return new OciHttp(registry.uri(""), Duration.ofMinutes(2));
    }

    public static OciHttp to(RegistryUnderTest registry, Duration timeout) {
        return new OciHttp(registry.uri(""), timeout);
    }

    // ---- blob push -------------------------------------------------------------------------------------------

    /** Single POST with {@code ?digest=} (the spec's "single POST" monolithic upload); returns the digest. */
    public String pushBlob(String repository, byte[] content) throws Exception {
        String digest = Sha256.digestOf(content);
        pushBlob(repository, digest, BodyPublishers.ofByteArray(content));
        return digest;
    }

    /** Single POST with {@code ?digest=}, the body streamed from {@code body} with a Content-Length. */
    public void pushBlob(String repository, String digest, long length, Supplier<InputStream> body) throws Exception {
        pushBlob(repository, digest, streamed(length, body));
    }

    private void pushBlob(String repository, String digest, BodyPublisher body) throws Exception {
        HttpRequest request = request("/v2/" + repository + "/blobs/uploads/?digest=" + digest)
                .header("Content-Type", "application/octet-stream")
                .POST(body)
                .build();
        HttpResponse<String> response = expect(send(request), 201);
        requireHeader(response, "Docker-Content-Digest", digest);
    }

    /** POST without a body: opens a session (202) for PATCHes and a closing PUT. */
    public Upload startUpload(String repository) throws Exception {
        HttpRequest request = request("/v2/" + repository + "/blobs/uploads/")
                .POST(BodyPublishers.noBody())
                .build();
        return session(expect(send(request), 202));
    }

    /** One PATCH whose Content-Range starts where the session stands. */
    public Upload patch(Upload upload, byte[] chunk) throws Exception {
        return patch(upload, upload.received(), chunk.length, BodyPublishers.ofByteArray(chunk));
    }

    /** One PATCH of {@code length} bytes streamed from {@code chunk}, starting where the session stands. */
    public Upload patch(Upload upload, long length, Supplier<InputStream> chunk) throws Exception {
        return patch(upload, upload.received(), length, streamed(length, chunk));
    }

    private Upload patch(Upload upload, long start, long length, BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(upload.location())
                .timeout(timeout)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", start + "-" + (start + length - 1))
                .method("PATCH", body)
                .build();
        Upload next = session(expect(send(request), 202));
        if (next.received() != start + length) {
            throw new AssertionError("after PATCH " + start + "-" + (start + length - 1) + " the registry reports "
                    + next.received() + " bytes");
        }
        return next;
    }

    /** GET on the session: 204 with Location and Range. */
    public Upload uploadStatus(Upload upload) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(upload.location()).timeout(timeout).GET().build();
        return session(expect(send(request), 204));
    }

    /** The raw {@code Range} header of a session's status, for exact assertions. */
    public String uploadRange(Upload upload) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(upload.location()).timeout(timeout).GET().build();
        return expect(send(request), 204).headers().firstValue("Range")
                .orElseThrow(() -> new AssertionError("session status without Range"));
    }

    /** The closing PUT without a body: 201 with the blob's Location. Returns that Location. */
    public URI completeUpload(Upload upload, String digest) throws Exception {
        String location = upload.location().toString();
        URI uri = URI.create(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .PUT(BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = expect(send(request), 201);
        requireHeader(response, "Docker-Content-Digest", digest);
        return base.resolve(response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("201 without Location")));
    }

    /** POST, PATCHes of at most {@code chunkSize}, closing PUT: the whole chunked flow for bytes in memory. */
    public String pushBlobChunked(String repository, byte[] content, int chunkSize) throws Exception {
        Upload upload = startUpload(repository);
        for (int offset = 0; offset < content.length; offset += chunkSize) {
            int length = Math.min(chunkSize, content.length - offset);
            byte[] chunk = Arrays.copyOfRange(content, offset, offset + length);
            upload = patch(upload, chunk);
        }
        String digest = Sha256.digestOf(content);
        completeUpload(upload, digest);
        return digest;
    }

    // ---- manifests -------------------------------------------------------------------------------------------

    /** PUT by tag or digest: 201; returns the Docker-Content-Digest, checked against the content's sha256. */
    public String pushManifest(String repository, String reference, String mediaType, byte[] content)
            throws Exception {
        HttpRequest request = request("/v2/" + repository + "/manifests/" + reference)
                .header("Content-Type", mediaType)
                .PUT(BodyPublishers.ofByteArray(content))
                .build();
        HttpResponse<String> response = expect(send(request), 201);
        String digest = Sha256.digestOf(content);
        requireHeader(response, "Docker-Content-Digest", digest);
        return digest;
    }

    /** DELETE by digest: 202. */
    public void deleteManifest(String repository, String digest) throws Exception {
        HttpRequest request = request("/v2/" + repository + "/manifests/" + digest).DELETE().build();
        expect(send(request), 202);
    }

    /** GET by tag or digest, accepting OCI manifests and indexes: 200. */
    public Manifest getManifest(String repository, String reference) throws Exception {
        HttpRequest request = request("/v2/" + repository + "/manifests/" + reference)
                .header("Accept", OCI_MANIFEST + ", " + OCI_INDEX)
                .GET()
                .build();
        HttpResponse<byte[]> response = expect(client.send(request, BodyHandlers.ofByteArray()), 200);
        return new Manifest(response.body(),
                response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("Docker-Content-Digest").orElse(null));
    }

    // ---- blob pull -------------------------------------------------------------------------------------------

    /** GET a blob into memory: for small blobs. */
    public byte[] getBlob(String repository, String digest) throws Exception {
        HttpRequest request = request("/v2/" + repository + "/blobs/" + digest).GET().build();
        return expect(client.send(request, BodyHandlers.ofByteArray()), 200).body();
    }

    /** GET with {@code Range: bytes=first-last}: 206 with the matching Content-Range; returns those bytes. */
    public byte[] getBlobRange(String repository, String digest, long first, long last, long size) throws Exception {
        HttpRequest request = request("/v2/" + repository + "/blobs/" + digest)
                .header("Range", "bytes=" + first + "-" + last)
                .GET()
                .build();
        HttpResponse<byte[]> response = expect(client.send(request, BodyHandlers.ofByteArray()), 206);
        String contentRange = response.headers().firstValue("Content-Range").orElse(null);
        if (!("bytes " + first + "-" + last + "/" + size).equals(contentRange)) {
            throw new AssertionError("Content-Range " + contentRange + " for bytes=" + first + "-" + last);
        }
        return response.body();
    }

    /**
     * GET a blob streaming it through sha256, never holding it: 200, and the bytes hashed must be exactly the
     * Content-Length announced.
     */
    public Sha256 pullBlob(String repository, String digest) throws Exception {
        HttpResponse<InputStream> response = getStreaming("/v2/" + repository + "/blobs/" + digest);
        expectStreaming(response, 200);
        long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        Sha256 pulled = Sha256.of(response.body());
        if (pulled.size() != announced) {
            throw new AssertionError("GET " + digest + " announced " + announced + " bytes but sent " + pulled.size());
        }
        return pulled;
    }

    /** GET without checks, the body left to the caller to stream (and close). */
    public HttpResponse<InputStream> getStreaming(String path) throws Exception {
        return client.send(request(path).GET().build(), BodyHandlers.ofInputStream());
    }

    // ---- raw -------------------------------------------------------------------------------------------------

    public HttpResponse<byte[]> get(String path) throws Exception {
        return client.send(request(path).GET().build(), BodyHandlers.ofByteArray());
    }

    public HttpResponse<Void> head(String path) throws Exception {
        return client.send(request(path).HEAD().build(), BodyHandlers.discarding());
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    @Override
    public void close() {
        client.close();
    }

    // ---- plumbing --------------------------------------------------------------------------------------------

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A body of known length read from a stream on demand: the JDK pulls it buffer by buffer. */
    private static BodyPublisher streamed(long length, Supplier<InputStream> body) {
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(body), length);
    }

    private Upload session(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError(describe(response, response.body()) + "\nno Location"));
        String range = response.headers().firstValue("Range")
                .orElseThrow(() -> new AssertionError(describe(response, response.body()) + "\nno Range"));
        return new Upload(base.resolve(location), receivedBytes(range));
    }

    /**
     * {@code Range: 0-<last byte>} → bytes received. The spec's grammar cannot say "nothing yet", so {@code 0-0}
     * means 0 or 1; callers that care compare the raw header.
     */
    private static long receivedBytes(String range) {
        if (!range.matches("0-[0-9]+")) {
            throw new AssertionError("malformed upload Range: " + range);
        }
        long last = Long.parseLong(range.substring(2));
        return last == 0 ? 0 : last + 1;
    }

    public static <T> HttpResponse<T> expect(HttpResponse<T> response, int status) {
        if (response.statusCode() != status) {
            throw new UnexpectedStatus(response.statusCode(),
                    "expected " + status + "\n" + describe(response, shown(response.body())));
        }
        return response;
    }

    /**
     * The registry answered, with another status than the flow expects. Still an AssertionError, as every other
     * check here; the status is there for tests that tolerate some refusals (e.g. a 429) and fail on the rest.
     */
    public static final class UnexpectedStatus extends AssertionError {

        private final int status;

        UnexpectedStatus(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** For streamed bodies: on a wrong status, read (a bounded part of) the error body for the message. */
    private static void expectStreaming(HttpResponse<InputStream> response, int status) throws IOException {
        if (response.statusCode() != status) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(SHOWN_BODY_CHARS), StandardCharsets.UTF_8);
            }
            throw new UnexpectedStatus(response.statusCode(), "expected " + status + "\n" + describe(response, body));
        }
    }

    private static void requireHeader(HttpResponse<String> response, String name, String expected) {
        String actual = response.headers().firstValue(name).orElse(null);
        if (!expected.equals(actual)) {
            throw new AssertionError(name + " should be " + expected + "\n" + describe(response, response.body()));
        }
    }

    private static String shown(Object body) {
        if (body instanceof byte[] bytes) {
            return new String(bytes, 0, Math.min(bytes.length, SHOWN_BODY_CHARS), StandardCharsets.UTF_8);
        }
        String text = String.valueOf(body);
        return text.length() <= SHOWN_BODY_CHARS ? text : text.substring(0, SHOWN_BODY_CHARS) + "...";
    }

    private static String describe(HttpResponse<?> response, String body) {
        HttpRequest request = response.request();
        HttpHeaders headers = response.headers();
        return request.method() + " " + request.uri() + " -> " + response.statusCode()
                + "\nheaders: " + headers.map() + "\nbody: " + body;
    }
}
