package io.stowage.image;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** The few OCI Distribution calls the test makes itself, over plain HTTP with java.net.http. */
final class RegistryApi {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String base;

    RegistryApi(String hostPort) {
        this.base = "http://" + hostPort;
    }

    HttpResponse<byte[]> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> manifest(String repository, String reference) throws IOException, InterruptedException {
        return get("/v2/" + repository + "/manifests/" + reference, OCI_MANIFEST);
    }

    HttpResponse<byte[]> blob(String repository, String digest) throws IOException, InterruptedException {
        return get("/v2/" + repository + "/blobs/" + digest, null);
    }

    /** A monolithic upload: one POST with the digest and the bytes. */
    HttpResponse<byte[]> pushBlob(String repository, byte[] content) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repository + "/blobs/uploads/?digest="
                                + sha256(content)))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> putManifest(String repository, String tag, byte[] manifest)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repository + "/manifests/" + tag))
                        .header("Content-Type", OCI_MANIFEST)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code true} once {@code GET /v2/} answers 200; connection errors mean "not yet". */
    boolean answers() throws InterruptedException {
        try {
            return get("/v2/", null).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
