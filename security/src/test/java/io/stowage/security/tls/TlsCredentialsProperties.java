package io.stowage.security.tls;

import io.stowage.security.tls.TestCertificates.KeyType;
import io.stowage.security.tls.TestCertificates.Leaf;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.bouncycastle.asn1.sec.ECPrivateKey;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class TlsCredentialsProperties {

    private static final TestCertificates CA = TestCertificates.newAuthority("Stowage test CA");
    private static final TestCertificates OTHER_CA = TestCertificates.newAuthority("Another CA");
    private static final Leaf EC = CA.issue(KeyType.EC_P256);
    private static final Leaf RSA = CA.issue(KeyType.RSA_2048);
    private static final Leaf OTHER_EC = CA.issue(KeyType.EC_P256);
    private static final List<Leaf> LEAVES = List.of(EC, RSA);
    /** The named curve P-256 (1.2.840.10045.3.1.7), DER: the body of openssl's EC PARAMETERS block. */
    private static final byte[] P256_OID = HexFormat.of().parseHex("06082a8648ce3d030107");

    @Property(tries = 40)
    void everyKeyFormReadsAsTheKeyOfItsCertificate(@ForAll("leaves") Leaf leaf, @ForAll boolean pkcs8,
                                                   @ForAll boolean withAuthority, @ForAll boolean crlf) {
        String certificates = withAuthority ? leaf.chainPem() : leaf.certificatePem();
        String key = pkcs8 ? leaf.pkcs8Pem() : leaf.traditionalPem();
        if (crlf) {
            certificates = certificates.replace("\n", "\r\n");
            key = key.replace("\n", "\r\n");
        }

        TlsCredentials credentials = TlsCredentials.fromPem(certificates, key);

        assertSameKey(credentials.privateKey(), leaf.keyPair().getPrivate());
        assertThat(credentials.leaf()).isEqualTo(leaf.certificate());
        assertThat(credentials.chain()).containsExactlyElementsOf(withAuthority ? leaf.chain()
                : List.of(leaf.certificate()));
    }

    @Example
    void textAroundTheBlocksAndOtherBlocksAreIgnored() {
        // openssl pkcs12 -nokeys and openssl x509 -text put such text around the blocks.
        String certificates = "Bag Attributes\n    localKeyID: 01 02 03\nsubject=/CN=localhost\nissuer=/CN=CA\n"
                + EC.certificatePem() + "\n# the CA\n" + TestCertificates.pem(CA.authority());
        // openssl ecparam -name prime256v1 -genkey writes the curve as a block of its own first.
        String key = TestCertificates.pem("EC PARAMETERS", P256_OID) + EC.traditionalPem();

        TlsCredentials credentials = TlsCredentials.fromPem(certificates, key);

        assertThat(credentials.chain()).containsExactly(EC.certificate(), CA.authority());
        // One file with the chain and the key can be named for both.
        String combined = EC.chainPem() + EC.pkcs8Pem();
        assertThat(TlsCredentials.fromPem(combined, combined).chain()).hasSize(2);
    }

    @Example
    void aSec1KeyWithoutCurveTakesItFromTheEcParametersBlock() throws Exception {
        java.security.interfaces.ECPrivateKey jdk = (java.security.interfaces.ECPrivateKey) EC.keyPair().getPrivate();
        byte[] bare = new ECPrivateKey(256, jdk.getS()).getEncoded();
        String key = TestCertificates.pem("EC PARAMETERS", P256_OID) + TestCertificates.pem("EC PRIVATE KEY", bare);

        assertSameKey(TlsCredentials.privateKey(key), jdk);
        assertThatThrownBy(() -> TlsCredentials.privateKey(TestCertificates.pem("EC PRIVATE KEY", bare)))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no curve");
    }

    @Example
    void ed25519KeysAreRead() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Leaf leaf = CA.issue(KeyType.EC_P256, ed, BigInteger.valueOf(25519));

        TlsCredentials credentials = TlsCredentials.fromPem(leaf.certificatePem(), leaf.pkcs8Pem());

        assertThat(credentials.privateKey().getEncoded()).isEqualTo(ed.getPrivate().getEncoded());
    }

    @Example
    void aKeyThatIsNotTheCertificatesIsRefused() {
        for (String key : List.of(OTHER_EC.pkcs8Pem(), OTHER_EC.traditionalPem(), RSA.pkcs8Pem())) {
            assertThatThrownBy(() -> TlsCredentials.fromPem(EC.chainPem(), key))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not match the certificate's public key")
                    .hasMessageContaining("CN=localhost");
        }
    }

    @Example
    void theLeafMustComeFirst() {
        Leaf issued = CA.issue(KeyType.EC_P256);
        String authorityFirst = TestCertificates.pem(CA.authority()) + issued.certificatePem();

        assertThatThrownBy(() -> TlsCredentials.fromPem(authorityFirst, issued.pkcs8Pem()))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("certificate 2 of 2").hasMessageContaining("leaf first");
    }

    @Example
    void filesWithoutWhatTheyMustHoldAreRefusedWithAMessageSayingSo() {
        assertThatThrownBy(() -> TlsCredentials.certificates(EC.pkcs8Pem()))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("certificate file holds no CERTIFICATE block");
        assertThatThrownBy(() -> TlsCredentials.privateKey(EC.chainPem()))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("key file holds no PRIVATE KEY");
        assertThatThrownBy(() -> TlsCredentials.privateKey(EC.pkcs8Pem() + OTHER_EC.pkcs8Pem()))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than one private key");
        assertThatThrownBy(() -> TlsCredentials.certificates(""))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("certificate file is empty");
        assertThatThrownBy(() -> TlsCredentials.privateKey(null))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("key file is empty");
        assertThatThrownBy(() -> TlsCredentials.certificates(EC.certificatePem().replace("-----END CERTIFICATE-----", "")))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no END line");
        assertThatThrownBy(() -> TlsCredentials.privateKey("x".repeat(TlsCredentials.MAX_KEY_LENGTH + 1)))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> TlsCredentials.privateKey(TestCertificates.pem("EC PRIVATE KEY", new byte[]{1, 2, 3})))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid SEC 1 key");
        assertThatThrownBy(() -> TlsCredentials.privateKey(TestCertificates.pem("RSA PRIVATE KEY", new byte[]{48, 0})))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid PKCS#1 key");
    }

    @Example
    void encryptedKeysAreRefusedWithAHint() {
        String pkcs8Encrypted = TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[]{48, 3, 2, 1, 0});
        String legacyEncrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";

        for (String key : List.of(pkcs8Encrypted, legacyEncrypted)) {
            assertThatThrownBy(() -> TlsCredentials.privateKey(key))
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a passphrase");
        }
    }

    @Example
    void theKeyStoreHoldsTheKeyAndTheChainForAKeyManager() throws Exception {
        TlsCredentials credentials = TlsCredentials.fromPem(RSA.chainPem(), RSA.traditionalPem());
        char[] password = "in-memory".toCharArray();

        KeyStore store = credentials.toKeyStore("stowage", password);

        assertThat(store.getType()).isEqualTo("PKCS12");
        assertSameKey((PrivateKey) store.getKey("stowage", password), RSA.keyPair().getPrivate());
        assertThat(store.getCertificateChain("stowage")).containsExactly(RSA.certificate(), CA.authority());
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        X509KeyManager manager = (X509KeyManager) factory.getKeyManagers()[0];
        assertThat(manager.chooseServerAlias("RSA", null, null)).isNotNull();
    }

    @Example
    void theDescriptionNamesTheCertificateAndNeverTheKey() {
        TlsCredentials credentials = TlsCredentials.fromPem(EC.chainPem(), EC.pkcs8Pem());

        String description = credentials.toString();

        assertThat(description).contains("subject=\"CN=localhost,O=Stowage tests\"")
                .contains("serial=" + EC.serial().toString(16)).contains("key=EC 256-bit").contains("chain=2")
                .contains("notAfter=" + EC.certificate().getNotAfter().toInstant())
                .contains("sha256=" + credentials.fingerprint());
        assertThat(credentials.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertNoKeyMaterial(description, EC.pkcs8Pem() + EC.traditionalPem());
    }

    @Example
    void keysAndCertificatesWrittenByOpensslAreRead() throws Exception {
        Assume.that(Files.isExecutable(Path.of("/usr/bin/openssl")));
        Path dir = Files.createTempDirectory("stowage-openssl");
        try {
            // The forms the issue names: openssl ecparam -genkey (EC PARAMETERS + EC PRIVATE KEY), openssl genrsa
            // -traditional (RSA PRIVATE KEY), openssl genpkey (PRIVATE KEY).
            List<List<String>> generators = List.of(
                    List.of("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-out", "key.pem"),
                    List.of("openssl", "genrsa", "-traditional", "-out", "key.pem", "2048"),
                    List.of("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384",
                            "-out", "key.pem"));
            List<String> labels = new ArrayList<>();
            for (List<String> generate : generators) {
                openssl(dir, generate);
                openssl(dir, List.of("openssl", "req", "-new", "-x509", "-key", "key.pem", "-subj", "/CN=localhost",
                        "-days", "1", "-out", "cert.pem"));
                String key = Files.readString(dir.resolve("key.pem"));
                labels.add(key.lines().filter(l -> l.startsWith("-----BEGIN")).toList().toString());

                TlsCredentials credentials = TlsCredentials.fromPem(Files.readString(dir.resolve("cert.pem")), key);

                assertThat(credentials.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
            }
            assertThat(labels).containsExactly("[-----BEGIN EC PARAMETERS-----, -----BEGIN EC PRIVATE KEY-----]",
                    "[-----BEGIN RSA PRIVATE KEY-----]", "[-----BEGIN PRIVATE KEY-----]");
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    @Property(tries = 1500)
    void arbitraryKeyTextIsReadOrRefusedWithIllegalArgumentOnly(@ForAll("keyLike") String pem) {
        Throwable thrown = catchThrowable(() -> TlsCredentials.fromPem(EC.chainPem(), pem));

        if (thrown != null) {
            assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
            assertNoKeyMaterial(thrown.getMessage(), pem);
        }
    }

    @Property(tries = 1000)
    void arbitraryCertificateTextIsReadOrRefusedWithIllegalArgumentOnly(@ForAll("certificateLike") String pem) {
        Throwable thrown = catchThrowable(() -> TlsCredentials.fromPem(pem, EC.pkcs8Pem()));

        if (thrown != null) {
            assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
            assertNoKeyMaterial(thrown.getMessage(), EC.pkcs8Pem());
        }
    }

    @Property(tries = 300)
    void certificatesOfAnotherAuthorityOrKeyNeverPassForTheKey(@ForAll("leaves") Leaf leaf) {
        Leaf foreign = OTHER_CA.issue(leaf.type());

        assertThatThrownBy(() -> TlsCredentials.fromPem(foreign.certificatePem(), leaf.pkcs8Pem()))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
    }

    @Provide
    Arbitrary<Leaf> leaves() {
        return Arbitraries.of(LEAVES);
    }

    @Provide
    Arbitrary<String> keyLike() {
        return pemLike(Arbitraries.of(EC.pkcs8Pem(), EC.traditionalPem(),
                TestCertificates.pem("EC PARAMETERS", P256_OID) + EC.traditionalPem()));
    }

    @Provide
    Arbitrary<String> certificateLike() {
        return pemLike(Arbitraries.of(EC.chainPem(), EC.certificatePem()));
    }

    /** Valid PEM with one character inserted, replaced or removed; random blocks; random text. */
    private static Arbitrary<String> pemLike(Arbitrary<String> valid) {
        Arbitrary<String> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 3000),
                Arbitraries.of("-", "\n", "\r", "A", "/", "+", "=", " ", "!", ":", "", "MII", "-----BEGIN X-----"),
                Arbitraries.integers().between(0, 2)).as((pem, position, piece, kind) -> {
                    int at = position % (pem.length() + 1);
                    return switch (kind) {
                        case 0 -> pem.substring(0, at) + piece + pem.substring(at);
                        case 1 -> at == pem.length() ? pem + piece : pem.substring(0, at) + piece + pem.substring(at + 1);
                        default -> at == pem.length() ? pem : pem.substring(0, at) + pem.substring(at + 1);
                    };
                });
        Arbitrary<String> blocks = Combinators.combine(Arbitraries.of("PRIVATE KEY", "EC PRIVATE KEY",
                                "RSA PRIVATE KEY", "EC PARAMETERS", "CERTIFICATE", "ENCRYPTED PRIVATE KEY"),
                        Arbitraries.strings().withChars("ABCDEFabcdef0123456789+/=").ofMaxLength(300))
                .as((label, body) -> "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n")
                .list().ofMaxSize(3).map(list -> String.join("", list));
        Arbitrary<String> der = Combinators.combine(Arbitraries.of("PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY",
                        "CERTIFICATE", "EC PARAMETERS"), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300))
                .as(TestCertificates::pem);
        return Arbitraries.frequencyOf(Tuple.of(6, mutated), Tuple.of(2, blocks), Tuple.of(1, der),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(200)));
    }

    /** The same key, whatever optional fields (curve, public key) its encoding carries. */
    private static void assertSameKey(PrivateKey actual, PrivateKey expected) {
        switch (expected) {
            case java.security.interfaces.ECPrivateKey ec -> {
                assertThat(actual).isInstanceOf(java.security.interfaces.ECPrivateKey.class);
                java.security.interfaces.ECPrivateKey read = (java.security.interfaces.ECPrivateKey) actual;
                assertThat(read.getS()).isEqualTo(ec.getS());
                assertThat(read.getParams().getCurve()).isEqualTo(ec.getParams().getCurve());
            }
            case RSAPrivateKey rsa -> {
                assertThat(actual).isInstanceOf(RSAPrivateKey.class);
                assertThat(((RSAPrivateKey) actual).getModulus()).isEqualTo(rsa.getModulus());
                assertThat(((RSAPrivateKey) actual).getPrivateExponent()).isEqualTo(rsa.getPrivateExponent());
            }
            default -> assertThat(actual.getEncoded()).isEqualTo(expected.getEncoded());
        }
    }

    /** No line of base64 from {@code pem} (16 characters or more) may appear in {@code message}. */
    private static void assertNoKeyMaterial(String message, String pem) {
        for (String line : pem.split("\r?\n|\r")) {
            String stripped = line.strip();
            if (stripped.length() >= 16 && !stripped.startsWith("-----")) {
                assertThat(message).doesNotContain(stripped);
            }
        }
    }

    private static void openssl(Path dir, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        assertThat(process.exitValue()).as(command + ": " + Files.readString(dir.resolve("openssl.log"))).isZero();
    }
}
