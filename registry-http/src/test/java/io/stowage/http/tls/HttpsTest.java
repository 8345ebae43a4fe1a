package io.stowage.http.tls;

import io.stowage.http.TestRegistry;
import io.stowage.security.tls.TestCertificates;
import io.stowage.security.tls.TestCertificates.KeyType;
import io.stowage.security.tls.TestCertificates.Leaf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry over HTTPS, from PEM files: HTTP/2 and HTTP/1.1 by ALPN, the whole API unchanged over h2 (bodies with
 * and without a length, large blobs, HEAD, error bodies), no plain HTTP on the TLS port, and certificate reloads.
 */
class HttpsTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Pattern FAILURES = Pattern.compile("(?m)^stowage_tls_reloads_total\\{result=\"failure\"} (\\d+)$");
    private static final Pattern SUCCESSES = Pattern.compile("(?m)^stowage_tls_reloads_total\\{result=\"success\"} (\\d+)$");

    private static TestCertificates ca;
    private static Leaf ec;
    private static Leaf rsa;

    @TempDir
    Path dir;
    private Path certificate;
    private Path key;
    private TestRegistry registry;

    @BeforeAll
    static void issueCertificates() {
        ca = TestCertificates.newAuthority("Stowage HTTPS test CA");
        ec = ca.issue(KeyType.EC_P256);
        rsa = ca.issue(KeyType.RSA_2048);
    }

    @AfterEach
    void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private void start(Leaf leaf, boolean traditionalKey) throws Exception {
        certificate = dir.resolve("tls.crt");
        key = dir.resolve("tls.key");
        TlsTestSupport.install(leaf, certificate, key, traditionalKey);
        registry = TestRegistry.start(dir.resolve("data"), new TlsFiles(certificate, key, Duration.ofMillis(100)));
    }

    private HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).sslContext(ca.clientContext())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void theBaseEndpointAnswersOverHttp2WithTheConfiguredCertificate(KeyType type) throws Exception {
        Leaf leaf = type == KeyType.EC_P256 ? ec : rsa;
        start(leaf, true);

        try (HttpClient client = client(HttpClient.Version.HTTP_2)) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(registry.uri("/v2/")).build(),
                    BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
            assertThat(response.sslSession()).isPresent();
            X509Certificate served = (X509Certificate) response.sslSession().get().getPeerCertificates()[0];
            assertThat(served.getSerialNumber()).isEqualTo(leaf.serial());
            assertThat(response.sslSession().get().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        }
        assertThat(registry.uri("/v2/").getScheme()).isEqualTo("https");
        assertThat(registry.server().protocols()).containsExactly("h2", "http/1.1");
    }

    @Test
    void http11WorksWithAlpnAndWithout() throws Exception {
        start(ec, false);

        try (HttpClient client = client(HttpClient.Version.HTTP_1_1)) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(registry.uri("/v2/")).build(),
                    BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
        // A client that offers no ALPN at all, one that offers only http/1.1 (curl --http1.1, Python), and one that
        // names the host by SNI: all get HTTP/1.1.
        for (SSLSocket socket : new SSLSocket[]{TlsTestSupport.connect(ca, registry.port()),
                TlsTestSupport.connectOffering(ca, registry.port(), "http/1.1"),
                TlsTestSupport.connectByName(ca, registry.port())}) {
            try (socket) {
                assertThat(socket.getApplicationProtocol()).isIn("", "http/1.1");
                TlsTestSupport.RawResponse response = TlsTestSupport.get(socket, "/v2/");
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.headers()).containsEntry("docker-distribution-api-version", "registry/2.0");
            }
        }
    }

    @Test
    void olderTlsVersionsAreRefused() throws Exception {
        start(ec, false);
        javax.net.ssl.SSLContext context = ca.clientContext();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", registry.port())) {
            socket.setSoTimeout(30_000);
            socket.setEnabledProtocols(new String[]{"TLSv1.1"});
            assertThatThrownBy(socket::startHandshake).isInstanceOf(IOException.class);
        } catch (IllegalArgumentException disabledInThisJdk) {
            // The JDK itself no longer offers TLS 1.1: nothing older than 1.2 can reach the server anyway.
        }
    }

    @Test
    void blobsAndManifestsRoundTripOverHttp2ByteForByte() throws Exception {
        start(ec, true);
        Random random = new Random(42);
        byte[] layer = new byte[24 * 1024 * 1024 + 4097];
        random.nextBytes(layer);
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);

        try (HttpClient client = client(HttpClient.Version.HTTP_2)) {
            // Monolithic push: POST with the whole body and its length.
            String layerDigest = sha256(layer);
            HttpResponse<String> pushed = client.send(HttpRequest.newBuilder(
                            registry.uri("/v2/tls/app/blobs/uploads/?digest=" + layerDigest))
                    .header("Content-Type", "application/octet-stream")
                    .POST(BodyPublishers.ofByteArray(layer)).build(), BodyHandlers.ofString());
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
            assertThat(pushed.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(pushed.headers().firstValue("Location")).hasValue("/v2/tls/app/blobs/" + layerDigest);

            // Session push with bodies of unknown length (no Content-Length on h2, no chunked encoding either):
            // the last chunk travels with the closing PUT.
            String configDigest = sha256(config);
            HttpResponse<String> session = client.send(HttpRequest.newBuilder(registry.uri("/v2/tls/app/blobs/uploads/"))
                    .POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString());
            assertThat(session.statusCode()).isEqualTo(202);
            String location = session.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> patched = client.send(HttpRequest.newBuilder(registry.uri(location))
                    .method("PATCH", streamed(config, 0, 10))
                    .header("Content-Type", "application/octet-stream").build(), BodyHandlers.ofString());
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(202);
            assertThat(patched.headers().firstValue("Range")).hasValue("0-9");
            String next = patched.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> completed = client.send(HttpRequest.newBuilder(
                            registry.uri(next + (next.contains("?") ? "&" : "?") + "digest=" + configDigest))
                    .PUT(streamed(config, 10, config.length))
                    .header("Content-Type", "application/octet-stream").build(), BodyHandlers.ofString());
            assertThat(completed.statusCode()).as(completed.body()).isEqualTo(201);

            String manifest = """
                    {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
                    "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},\
                    "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%s","size":%d}]}"""
                    .formatted(configDigest, config.length, layerDigest, layer.length);
            HttpResponse<String> put = client.send(HttpRequest.newBuilder(registry.uri("/v2/tls/app/manifests/v1"))
                    .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                    .PUT(BodyPublishers.ofString(manifest)).build(), BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

            HttpResponse<String> gotManifest = client.send(HttpRequest.newBuilder(
                    registry.uri("/v2/tls/app/manifests/v1"))
                    .header("Accept", "application/vnd.oci.image.manifest.v1+json").build(), BodyHandlers.ofString());
            assertThat(gotManifest.body()).isEqualTo(manifest);
            assertThat(gotManifest.version()).isEqualTo(HttpClient.Version.HTTP_2);

            HttpResponse<InputStream> pulled = client.send(HttpRequest.newBuilder(
                    registry.uri("/v2/tls/app/blobs/" + layerDigest)).build(), BodyHandlers.ofInputStream());
            assertThat(pulled.statusCode()).isEqualTo(200);
            assertThat(pulled.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(pulled.headers().firstValue("Content-Length")).hasValue(Integer.toString(layer.length));
            try (InputStream body = pulled.body()) {
                assertThat(body.readAllBytes()).isEqualTo(layer);
            }
            HttpResponse<byte[]> configBack = client.send(HttpRequest.newBuilder(
                    registry.uri("/v2/tls/app/blobs/" + configDigest)).build(), BodyHandlers.ofByteArray());
            assertThat(configBack.body()).isEqualTo(config);

            HttpResponse<byte[]> ranged = client.send(HttpRequest.newBuilder(
                            registry.uri("/v2/tls/app/blobs/" + layerDigest)).header("Range", "bytes=100-199").build(),
                    BodyHandlers.ofByteArray());
            assertThat(ranged.statusCode()).isEqualTo(206);
            assertThat(ranged.body()).isEqualTo(java.util.Arrays.copyOfRange(layer, 100, 200));

            HttpResponse<byte[]> head = client.send(HttpRequest.newBuilder(
                            registry.uri("/v2/tls/app/blobs/" + layerDigest)).method("HEAD", BodyPublishers.noBody()).build(),
                    BodyHandlers.ofByteArray());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(layer.length));
            assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(layerDigest);
            assertThat(head.body()).isEmpty();

            String unknown = "sha256:" + "0".repeat(64);
            HttpResponse<String> missing = client.send(HttpRequest.newBuilder(
                    registry.uri("/v2/tls/app/blobs/" + unknown)).build(), BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
            assertThat(missing.body()).contains("\"code\":\"BLOB_UNKNOWN\"");

            HttpResponse<String> badDigest = client.send(HttpRequest.newBuilder(
                            registry.uri("/v2/tls/app/blobs/uploads/?digest=" + unknown))
                    .POST(BodyPublishers.ofByteArray(config)).build(), BodyHandlers.ofString());
            assertThat(badDigest.statusCode()).isEqualTo(400);
            assertThat(badDigest.body()).contains("\"code\":\"DIGEST_INVALID\"");
            assertThat(badDigest.version()).isEqualTo(HttpClient.Version.HTTP_2);

            // The same connection still serves after the errors.
            assertThat(client.send(HttpRequest.newBuilder(registry.uri("/v2/")).build(), BodyHandlers.discarding())
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void bodiesRefusedBeforeTheyAreReadGetTheirErrorOverHttp2() throws Exception {
        start(ec, false);
        byte[] oversized = new byte[4 * 1024 * 1024 + 1];

        try (HttpClient client = client(HttpClient.Version.HTTP_2)) {
            // Over the manifest limit, with and without a declared length: refused with 413, the rest of the body
            // read and dropped so the stream ends cleanly.
            for (HttpRequest.BodyPublisher body : java.util.List.of(BodyPublishers.ofByteArray(oversized),
                    streamed(oversized, 0, oversized.length))) {
                HttpResponse<String> refused = client.send(HttpRequest.newBuilder(
                                registry.uri("/v2/tls/big/manifests/v1"))
                        .header("Content-Type", "application/vnd.oci.image.manifest.v1+json").PUT(body).build(),
                        BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
                assertThat(refused.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(refused.body()).contains("\"errors\"");
            }
            HttpResponse<String> unknownName = client.send(HttpRequest.newBuilder(
                            registry.uri("/v2/tls/Bad_Name/blobs/uploads/?digest=sha256:" + "0".repeat(64)))
                    .POST(BodyPublishers.ofByteArray(new byte[1024 * 1024])).build(), BodyHandlers.ofString());
            assertThat(unknownName.statusCode()).isEqualTo(400);
            assertThat(unknownName.body()).contains("\"code\":\"NAME_INVALID\"");
            assertThat(client.send(HttpRequest.newBuilder(registry.uri("/v2/")).build(), BodyHandlers.discarding())
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aBodyTooLargeToDrainEndsItsStreamAndTheConnectionServesOn() throws Exception {
        start(ec, false);
        byte[] huge = new byte[17 * 1024 * 1024];

        try (HttpClient client = client(HttpClient.Version.HTTP_2)) {
            // More than the 16 MiB the server drains after refusing: as over HTTP/1.1 (where the connection closes),
            // the client sees the 413 or, if it was still sending, the end of its request (h2: RST_STREAM).
            try {
                HttpResponse<String> refused = client.send(HttpRequest.newBuilder(
                                registry.uri("/v2/tls/big/manifests/v1"))
                        .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                        .PUT(BodyPublishers.ofByteArray(huge)).build(), BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(413);
            } catch (IOException reset) {
                assertThat(reset).hasMessageContaining("RST_STREAM");
            }
            // Only that stream ended: the HTTP/2 connection goes on serving.
            HttpResponse<String> next = client.send(HttpRequest.newBuilder(registry.uri("/v2/")).build(),
                    BodyHandlers.ofString());
            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(next.version()).isEqualTo(HttpClient.Version.HTTP_2);
        }
    }

    @Test
    void aCorruptBlobIsCutOffOverHttp2AndOnlyItsStreamEnds() throws Exception {
        start(ec, false);
        byte[] blob = new byte[1024 * 1024 + 1];
        new Random(7).nextBytes(blob);
        String digest = sha256(blob);

        try (HttpClient client = client(HttpClient.Version.HTTP_2)) {
            HttpResponse<String> pushed = client.send(HttpRequest.newBuilder(
                            registry.uri("/v2/tls/corrupt/blobs/uploads/?digest=" + digest))
                    .header("Content-Type", "application/octet-stream")
                    .POST(BodyPublishers.ofByteArray(blob)).build(), BodyHandlers.ofString());
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
            String hex = digest.substring("sha256:".length());
            Path file = registry.directory().resolve("blobs").resolve("blobs").resolve("sha256")
                    .resolve(hex.substring(0, 2)).resolve(hex);
            byte[] stored = Files.readAllBytes(file);
            stored[stored.length - 1] ^= 0x01;
            Files.write(file, stored);

            // Verification on read cuts the download off before its end: over h2 the stream is reset.
            HttpRequest get = HttpRequest.newBuilder(registry.uri("/v2/tls/corrupt/blobs/" + digest)).build();
            assertThatThrownBy(() -> client.send(get, BodyHandlers.ofByteArray())).isInstanceOf(IOException.class);
            // The connection goes on serving, and the blob is no longer served.
            HttpResponse<String> again = client.send(get, BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(404);
            assertThat(again.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(again.body()).contains("BLOB_UNKNOWN");
        }
    }

    @Test
    void plainHttpToTheTlsPortIsServedNothing() throws Exception {
        start(ec, false);

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", registry.port()), 10_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] answer;
            try {
                answer = socket.getInputStream().readAllBytes();
            } catch (IOException reset) {
                answer = new byte[0];
            }
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotStartWith("HTTP/").doesNotContain("registry/2.0").doesNotContain("200");
        }
        try (HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            URI http = URI.create("http://127.0.0.1:" + registry.port() + "/v2/");
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(http).timeout(Duration.ofSeconds(30)).build(),
                    BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aNewCertificateIsServedToNewConnectionsWhileOpenOnesKeepTheirs() throws Exception {
        start(ec, true);
        SSLSocket before = TlsTestSupport.connect(ca, registry.port());
        try (before) {
            assertThat(TlsTestSupport.get(before, "/v2/").status()).isEqualTo(200);
            assertThat(TlsTestSupport.servedSerial(before)).isEqualTo(ec.serial());
            long successes = count(SUCCESSES);

            // cert-manager style: a new leaf, and here a new key type too, replacing both files.
            Leaf renewed = ca.issue(KeyType.RSA_2048);
            TlsTestSupport.install(renewed, certificate, key, true);

            TlsTestSupport.await("a fresh handshake presents the renewed certificate", BOUND,
                    () -> renewed.serial().equals(TlsTestSupport.freshHandshakeSerial(ca, registry.port())));
            assertThat(count(SUCCESSES)).isGreaterThan(successes);
            TlsTestSupport.RawResponse again = TlsTestSupport.get(before, "/v2/");
            assertThat(again.status()).as("the connection opened before the reload").isEqualTo(200);
            assertThat(TlsTestSupport.servedSerial(before)).isEqualTo(ec.serial());
            try (HttpClient client = client(HttpClient.Version.HTTP_2)) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(registry.uri("/v2/")).build(),
                        BodyHandlers.ofString());
                assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0])
                        .getSerialNumber()).isEqualTo(renewed.serial());
            }
            String metrics = metrics();
            assertThat(metrics).contains("stowage_tls_certificate_expiry_timestamp_seconds "
                    + renewed.certificate().getNotAfter().toInstant().getEpochSecond());
        }
    }

    @Test
    void aBrokenReplacementLeavesThePreviousCertificateServingUntilGoodFilesArrive() throws Exception {
        start(ec, false);
        Leaf other = ca.issue(KeyType.EC_P256);

        long failures = count(FAILURES);
        // A key that is not the certificate's, then a key file that is not PEM at all.
        TlsTestSupport.replace(key, other.pkcs8Pem());
        TlsTestSupport.await("the mismatched key is noticed and refused", BOUND, () -> count(FAILURES) > failures);
        assertThat(TlsTestSupport.freshHandshakeSerial(ca, registry.port())).isEqualTo(ec.serial());
        long afterMismatch = count(FAILURES);
        Files.writeString(key, "not a key\n");
        TlsTestSupport.await("the garbage key is noticed and refused", BOUND, () -> count(FAILURES) > afterMismatch);
        assertThat(TlsTestSupport.freshHandshakeSerial(ca, registry.port())).isEqualTo(ec.serial());
        try (HttpClient client = client(HttpClient.Version.HTTP_2)) {
            assertThat(client.send(HttpRequest.newBuilder(registry.uri("/v2/")).build(), BodyHandlers.discarding())
                    .statusCode()).isEqualTo(200);
        }

        // The certificate that goes with the key arrives: the watcher takes the pair.
        TlsTestSupport.replace(certificate, other.chainPem());
        TlsTestSupport.replace(key, other.traditionalPem());
        TlsTestSupport.await("the repaired files are served", BOUND,
                () -> other.serial().equals(TlsTestSupport.freshHandshakeSerial(ca, registry.port())));
    }

    @Test
    void theServerDoesNotStartOnFilesThatCannotBeUsed() throws Exception {
        certificate = dir.resolve("tls.crt");
        key = dir.resolve("tls.key");
        Files.writeString(certificate, ec.chainPem());
        Files.writeString(key, rsa.pkcs8Pem());

        assertThatThrownBy(() -> TestRegistry.start(dir.resolve("data"),
                new TlsFiles(certificate, key, Duration.ofSeconds(10))))
                .isExactlyInstanceOf(TlsFilesException.class).hasMessageContaining("does not match");
    }

    private String metrics() {
        try (HttpClient client = client(HttpClient.Version.HTTP_2)) {
            return client.send(HttpRequest.newBuilder(registry.uri("/metrics")).build(), BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private long count(Pattern series) {
        Matcher matcher = series.matcher(metrics());
        assertThat(matcher.find()).as("series " + series).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** A body of unknown length: the JDK client sends it without Content-Length. */
    private static HttpRequest.BodyPublisher streamed(byte[] content, int from, int to) {
        return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(content, from, to - from));
    }

    private static String sha256(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
