package io.stowage.server;

import io.stowage.security.tls.TestCertificates;
import io.stowage.security.tls.TestCertificates.KeyType;
import io.stowage.security.tls.TestCertificates.Leaf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The wiring of the TLS settings: HTTPS with h2 from the configured files, and clear refusals before anything opens. */
class StowageTlsTest {

    private static TestCertificates ca;
    private static Leaf leaf;
    private static Leaf other;

    @TempDir
    Path dir;

    @BeforeAll
    static void issue() {
        ca = TestCertificates.newAuthority("StowageTlsTest CA");
        leaf = ca.issue(KeyType.EC_P256);
        other = ca.issue(KeyType.RSA_2048);
    }

    private Config config(String certificate, String key) {
        return Config.load(Optional.empty(), Map.of(
                "STOWAGE_LISTEN", "127.0.0.1:0",
                "STOWAGE_DATA", dir.resolve("data").toString(),
                "STOWAGE_TLS_CERTIFICATE", certificate,
                "STOWAGE_TLS_KEY", key), Map.of());
    }

    @Test
    void configuredFilesServeHttpsWithHttp2() throws Exception {
        Path certificate = Files.writeString(dir.resolve("tls.crt"), leaf.chainPem());
        Path key = Files.writeString(dir.resolve("tls.key"), leaf.traditionalPem());

        try (Stowage stowage = Stowage.start(config(certificate.toString(), key.toString()));
             HttpClient client = HttpClient.newBuilder().sslContext(ca.clientContext()).build()) {
            assertThat(stowage.scheme()).isEqualTo("https");
            assertThat(stowage.protocols()).containsExactly("h2", "http/1.1");
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + stowage.port() + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        }
    }

    @Test
    void unusableFilesStopStartUpBeforeAnythingOpens() throws Exception {
        Path certificate = Files.writeString(dir.resolve("tls.crt"), leaf.chainPem());
        Path key = Files.writeString(dir.resolve("tls.key"), other.pkcs8Pem());
        Path missing = dir.resolve("missing.crt");

        Throwable mismatch = catchThrowable(() -> Stowage.start(config(certificate.toString(), key.toString())));
        assertThat(mismatch).isInstanceOf(Config.ConfigException.class)
                .hasMessageStartingWith("TLS (tls.certificate, tls.key): " + key + " and " + certificate)
                .hasMessageContaining("does not match");
        for (String line : other.pkcs8Pem().split("\n")) {
            if (!line.startsWith("-----")) {
                assertThat(mismatch.getMessage()).doesNotContain(line);
            }
        }
        assertThatThrownBy(() -> Stowage.start(config(missing.toString(), key.toString())))
                .isInstanceOf(Config.ConfigException.class).hasMessageContaining(missing + ": no such file");
        assertThatThrownBy(() -> Stowage.start(config(certificate.toString(), "")))
                .isInstanceOf(Config.ConfigException.class).hasMessageContaining("tls.key is not set");
        assertThat(dir.resolve("data")).as("nothing opened, not even the data directory").doesNotExist();
    }
}
