package io.stowage.http.spec;

import io.stowage.http.TestRegistry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK HTTP client aimed at a {@link TestRegistry}, plus the push steps that nearly every spec test needs. Paths
 * are resolved against the registry on every call, because {@link TestRegistry#restart()} changes the port.
 * HTTP/1.1 only, so a streamed body really goes out with chunked transfer encoding and no Content-Length.
 */
final class RegistryClient {

    static final String OCTET_STREAM = "application/octet-stream";

    private final TestRegistry registry;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    RegistryClient(TestRegistry registry) {
        this.registry = registry;
    }

    Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Response head(String path, String... headers) {
        return send("HEAD", path, null, headers);
    }

    Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    Response post(String path, byte[] body, String... headers) {
        return send("POST", path, body, headers);
    }

    Response put(String path, byte[] body, String... headers) {
        return send("PUT", path, body, headers);
    }

    Response patch(String path, byte[] body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    /** A request with a body of known length (sent with Content-Length); {@code headers} are name, value pairs. */
    Response send(String method, String path, byte[] body, String... headers) {
        return exchange(method, path, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body),
                headers);
    }

    /** A request whose body is streamed: chunked transfer encoding, no Content-Length. */
    Response sendStreamed(String method, String path, byte[] body, String... headers) {
        return exchange(method, path, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), headers);
    }

    /** Pushes a blob with a single monolithic POST and returns its sha256 digest. */
    String pushBlob(String repository, byte[] content, String... headers) {
        String digest = Digests.sha256(content);
        Response response = post("/v2/" + repository + "/blobs/uploads/?digest=" + digest, content,
                withHeaders(headers, "Content-Type", OCTET_STREAM));
        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        return digest;
    }

    /**
     * Pushes a blob as one streamed PATCH (chunked transfer encoding, no length) and a closing PUT, and returns its
     * sha256 digest: whatever its size, its bytes go to the object store, never inline in the metadata store.
     */
    String pushBlobStreamed(String repository, byte[] content) {
        String digest = Digests.sha256(content);
        String location = startUpload(repository);
        Response patch = sendStreamed("PATCH", location, content, "Content-Type", OCTET_STREAM);
        assertThat(patch.status()).as(patch.describe()).isEqualTo(202);
        Response put = put(withQuery(patch.header("Location"), "digest=" + digest), null);
        assertThat(put.status()).as(put.describe()).isEqualTo(201);
        return digest;
    }

    /** Pushes a manifest and returns the digest the registry answered with. */
    String pushManifest(String repository, String reference, String mediaType, byte[] content, String... headers) {
        Response response = put("/v2/" + repository + "/manifests/" + reference, content,
                withHeaders(headers, "Content-Type", mediaType));
        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        return response.header("Docker-Content-Digest");
    }

    /** Starts an upload session and returns its Location. */
    String startUpload(String repository, String... headers) {
        Response response = post("/v2/" + repository + "/blobs/uploads/", null, headers);
        assertThat(response.status()).as(response.describe()).isEqualTo(202);
        return response.header("Location");
    }

    /** {@code headers} followed by {@code more}, both name, value pairs. */
    static String[] withHeaders(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    /** Appends a query parameter to a Location, which may already carry a query. */
    static String withQuery(String location, String parameter) {
        return location + (location.contains("?") ? "&" : "?") + parameter;
    }

    private Response exchange(String method, String path, BodyPublisher body, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(registry.uri(path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            var response = http.send(request.build(), BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
