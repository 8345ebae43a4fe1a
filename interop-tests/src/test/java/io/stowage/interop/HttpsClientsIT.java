package io.stowage.interop;

import io.stowage.security.tls.TestCertificates;
import io.stowage.security.tls.TestCertificates.KeyType;
import io.stowage.security.tls.TestCertificates.Leaf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real clients against the registry jar serving HTTPS from PEM files. skopeo verifies the certificate against the
 * test's CA (given as {@code ca.crt} in a cert directory, as with {@code /etc/containers/certs.d}), pushes an image and
 * copies it back byte for byte, refuses the registry without the CA, and keeps working after the certificate is
 * renewed. curl negotiates HTTP/2 and, when it offers only that, HTTP/1.1.
 */
class HttpsClientsIT {

    /** Not a multiple of any buffer or chunk size. */
    private static final long LAYER_SIZE = 8L * 1024 * 1024 + 4099;

    @TempDir
    static Path dir;
    private static TestCertificates ca;
    private static Leaf leaf;
    private static Path certificate;
    private static Path key;
    private static Path certDir;
    private static RegistryProcess registry;
    private static ContainerTools tools;
    private static OciLayouts layouts;
    private static Path source;
    private static String run;

    @BeforeAll
    static void startHttpsRegistryAndBuildImage() throws Exception {
        ca = TestCertificates.newAuthority("HttpsClientsIT CA");
        leaf = ca.issue(KeyType.EC_P256);
        Path tls = Files.createDirectories(dir.resolve("tls"));
        certificate = Files.writeString(tls.resolve("tls.crt"), leaf.chainPem());
        // As cert-manager and "openssl ecparam -genkey" write it.
        key = Files.writeString(tls.resolve("tls.key"), leaf.traditionalPem());
        certDir = Files.createDirectories(dir.resolve("certs"));
        Files.writeString(certDir.resolve("ca.crt"), ca.authorityPem());

        registry = RegistryProcess.startHttps(dir.resolve("data"), certificate, key, ca.clientContext());
        tools = ContainerTools.configure(dir.resolve("tools"), registry);
        layouts = new OciLayouts(tools);
        run = RandomFiles.token();
        source = layouts.create(dir.resolve("source"));
        Path content = dir.resolve("content");
        layouts.image(source, "app", "amd64", List.of(
                RandomFiles.write(content.resolve("small/one.bin"), 10_000).getParent(),
                RandomFiles.write(content.resolve("big.bin"), LAYER_SIZE)));
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.stop();
        }
    }

    @Test
    void theStartupLineSaysHttpsAndHttp2() throws Exception {
        List<String> lines = RegistryLog.of(registry.output()).startupLines();
        assertThat(lines).as(registry.output()).hasSize(1);
        assertThat(lines.getFirst()).contains("listening on https://127.0.0.1:" + registry.port()
                + " protocols=h2,http/1.1 ");
        assertThat(registry.output()).as("no key material in the log")
                .doesNotContain(leaf.traditionalPem().lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void imageCopiesIntoTheHttpsRegistryAndBackVerifyingItsCertificate() throws Exception {
        String image = docker("app") + ":v1";
        String localDigest = layouts.manifestDigest(source, "app");
        Path digestFile = dir.resolve("app.digest");

        tools.runOk("skopeo", "copy", "--dest-tls-verify=true", "--dest-cert-dir", certDir.toString(),
                "--digestfile", digestFile.toString(), "oci:" + source + ":app", image);

        assertThat(Files.readString(digestFile).strip()).isEqualTo(localDigest);
        String raw = tools.runOk("skopeo", "inspect", "--tls-verify=true", "--cert-dir", certDir.toString(), "--raw",
                image).stdout();
        assertThat(raw).as("manifest served unchanged")
                .isEqualTo(new String(OciLayouts.readBlob(source, localDigest), StandardCharsets.UTF_8));

        Path back = dir.resolve("back");
        tools.runOk("skopeo", "copy", "--src-tls-verify=true", "--src-cert-dir", certDir.toString(), image,
                "oci:" + back + ":v1");

        assertThat(layouts.manifestDigest(back, "v1")).isEqualTo(localDigest);
        Path rootfs = layouts.unpack(back, "v1", dir.resolve("bundle"));
        assertThat(Files.size(rootfs.resolve("big.bin"))).isEqualTo(LAYER_SIZE);
        assertThat(Sha256.of(Files.newInputStream(rootfs.resolve("big.bin"))).digest())
                .isEqualTo(Sha256.of(Files.newInputStream(dir.resolve("content/big.bin"))).digest());
    }

    @Test
    void withoutTheCaSkopeoRefusesTheRegistry() throws Exception {
        CommandResult refused = tools.run("skopeo", "inspect", "--tls-verify=true", "--raw",
                docker("app") + ":absent");

        assertThat(refused.succeeded()).as(refused::describe).isFalse();
        assertThat(refused.stderr()).as(refused::describe).contains("x509");
    }

    @Test
    void aRenewedCertificateIsServedWithoutRestartAndClientsKeepVerifying() throws Exception {
        Leaf renewed = ca.issue(KeyType.RSA_2048);
        replace(certificate, renewed.chainPem());
        replace(key, renewed.traditionalPem());

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!renewed.serial().equals(servedSerial())) {
            assertThat(System.nanoTime()).as("renewed certificate served within the bound").isLessThan(deadline);
            Thread.sleep(200);
        }
        String image = docker("renewed") + ":v1";
        tools.runOk("skopeo", "copy", "--dest-tls-verify=true", "--dest-cert-dir", certDir.toString(),
                "oci:" + source + ":app", image);
        assertThat(tools.runOk("skopeo", "inspect", "--tls-verify=true", "--cert-dir", certDir.toString(),
                "--format", "{{.Digest}}", image).stdout().strip()).isEqualTo(layouts.manifestDigest(source, "app"));
        assertThat(registry.output()).contains("TLS certificate reloaded: ")
                .contains("serial=" + renewed.serial().toString(16));
    }

    @Test
    void curlGetsHttp2AndHttp11WhenItAsksForIt() throws Exception {
        String url = registry.uri("/v2/").toString();
        String ca = certDir.resolve("ca.crt").toString();

        CommandResult h2 = tools.runOk("curl", "--silent", "--show-error", "--http2", "--cacert", ca,
                "--output", "/dev/null", "--write-out", "%{http_version} %{http_code}", url);
        CommandResult http11 = tools.runOk("curl", "--silent", "--show-error", "--http1.1", "--cacert", ca,
                "--output", "/dev/null", "--write-out", "%{http_version} %{http_code}", url);
        CommandResult plain = tools.run("curl", "--silent", "--show-error", "--max-time", "30",
                "http://" + registry.hostPort() + "/v2/");

        assertThat(h2.stdout()).as(h2::describe).isEqualTo("2 200");
        assertThat(http11.stdout()).as(http11::describe).isEqualTo("1.1 200");
        assertThat(plain.succeeded()).as(plain::describe).isFalse();
        assertThat(plain.stdout()).as("no HTTP answer on the HTTPS port").doesNotContain("{}");
    }

    @Test
    void unusableTlsSettingsStopTheJarWithAMessageAndNoKeyMaterial() throws Exception {
        Leaf stranger = ca.issue(KeyType.EC_P256);
        Path strangerKey = Files.writeString(dir.resolve("stranger.key"), stranger.pkcs8Pem());
        Path work = Files.createDirectories(dir.resolve("refusals"));
        String[] serve = {"serve", "--listen", "127.0.0.1:" + LoopbackPorts.free(), "--data",
                work.resolve("data").toString()};

        StowageJarProcess half = StowageJarProcess.run(work, java.util.Map.of("STOWAGE_TLS_CERTIFICATE",
                certificate.toString()), Duration.ofMinutes(1), serve);
        StowageJarProcess mismatch = StowageJarProcess.run(work, java.util.Map.of("STOWAGE_TLS_CERTIFICATE",
                certificate.toString(), "STOWAGE_TLS_KEY", strangerKey.toString()), Duration.ofMinutes(1), serve);

        assertThat(half.exitCode()).as(half.describe()).isEqualTo(2);
        assertThat(half.stderr()).as(half.describe()).contains("tls.key is not set (environment variable STOWAGE_TLS_KEY)");
        assertThat(mismatch.exitCode()).as(mismatch.describe()).isEqualTo(2);
        assertThat(mismatch.stderr()).as(mismatch.describe()).contains(strangerKey.toString())
                .contains("does not match the certificate's public key");
        for (StowageJarProcess process : List.of(half, mismatch)) {
            String output = process.stdout() + process.stderr();
            assertThat(output).as(process.describe()).doesNotContain("Exception").doesNotContain("\tat ");
            for (String line : stranger.pkcs8Pem().lines().toList()) {
                if (!line.startsWith("-----")) {
                    assertThat(output).doesNotContain(line);
                }
            }
        }
        assertThat(work.resolve("data")).as("nothing opened").doesNotExist();
    }

    private static BigInteger servedSerial() {
        try (SSLSocket socket = (SSLSocket) ca.clientContext().getSocketFactory()
                .createSocket("127.0.0.1", registry.port())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Atomic replacement, as cert-manager's secret update and most tools do it. */
    private static void replace(Path file, String content) throws Exception {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String docker(String name) {
        return "docker://" + registry.hostPort() + "/skopeo-tls-" + run + "/" + name;
    }
}
