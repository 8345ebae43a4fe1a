package io.stowage.http.tls;

import io.stowage.security.tls.TestCertificates;
import io.stowage.security.tls.TestCertificates.KeyType;
import io.stowage.security.tls.TestCertificates.Leaf;
import io.stowage.security.tls.TlsCredentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsFilesTest {

    private static TestCertificates ca;
    private static Leaf leaf;
    private static Leaf other;

    @TempDir
    Path dir;
    private Path certificate;
    private Path key;
    private TlsFiles files;

    @BeforeAll
    static void issue() {
        ca = TestCertificates.newAuthority("TlsFilesTest CA");
        leaf = ca.issue(KeyType.EC_P256);
        other = ca.issue(KeyType.EC_P256);
    }

    @BeforeEach
    void writeFiles() throws Exception {
        certificate = dir.resolve("tls.crt");
        key = dir.resolve("tls.key");
        Files.writeString(certificate, leaf.chainPem());
        Files.writeString(key, leaf.traditionalPem());
        files = new TlsFiles(certificate, key, Duration.ofSeconds(10));
    }

    @Test
    void readsTheChainAndTheKey() {
        TlsCredentials credentials = files.read();

        assertThat(credentials.chain()).containsExactly(leaf.certificate(), ca.authority());
    }

    @Test
    void filesThatCannotBeUsedAreRefusedNamingTheFileAndNeverItsContent() throws Exception {
        Files.delete(certificate);
        assertThatThrownBy(files::read).isExactlyInstanceOf(TlsFilesException.class)
                .hasMessage(certificate + ": no such file");

        Files.createDirectory(certificate);
        assertThatThrownBy(files::read).hasMessageStartingWith(certificate + ": cannot be read");
        Files.delete(certificate);

        Files.writeString(certificate, leaf.chainPem());
        Files.write(key, new byte[TlsCredentials.MAX_KEY_LENGTH + 1]);
        assertThatThrownBy(files::read).hasMessageStartingWith(key + ": longer than");

        Files.write(key, new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertThatThrownBy(files::read).hasMessageStartingWith(key + ": key file holds no PRIVATE KEY");

        Files.writeString(key, other.pkcs8Pem());
        assertThatThrownBy(files::read).hasMessageStartingWith(key + " and " + certificate + ": ")
                .hasMessageContaining("does not match");

        Files.writeString(certificate, other.pkcs8Pem());
        assertThatThrownBy(files::read).hasMessage(certificate + ": certificate file holds no CERTIFICATE block");

        String secretLines = other.pkcs8Pem() + leaf.pkcs8Pem() + leaf.traditionalPem();
        for (String content : new String[]{other.pkcs8Pem().replace("-----END", "--END"),
                leaf.traditionalPem().substring(0, 120)}) {
            Files.writeString(certificate, leaf.chainPem());
            Files.writeString(key, content);
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(files::read);
            assertThat(thrown).isExactlyInstanceOf(TlsFilesException.class);
            for (String line : secretLines.split("\n")) {
                if (line.length() >= 16 && !line.startsWith("-----")) {
                    assertThat(thrown.getMessage()).doesNotContain(line);
                }
            }
        }
    }

    @Test
    void theStampChangesWhenAFileIsRewrittenOrReplacedAndOnlyThen() throws Exception {
        TlsFiles.Stamp initial = files.stamp();
        assertThat(files.stamp()).isEqualTo(initial);
        files.read();
        assertThat(files.stamp()).as("reading changes nothing").isEqualTo(initial);

        // Replaced by rename with content of the same length: the file's identity tells.
        Path replacement = dir.resolve("tls.key.new");
        Files.writeString(replacement, Files.readString(key));
        Files.move(replacement, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        TlsFiles.Stamp replaced = files.stamp();
        assertThat(replaced).isNotEqualTo(initial);

        // Rewritten in place with other content: size (and modification time) tell.
        Files.writeString(certificate, other.certificatePem());
        assertThat(files.stamp()).isNotEqualTo(replaced);

        Files.delete(key);
        assertThatThrownBy(files::stamp).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void theReloadIntervalMustBePositive() {
        assertThatThrownBy(() -> new TlsFiles(certificate, key, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
