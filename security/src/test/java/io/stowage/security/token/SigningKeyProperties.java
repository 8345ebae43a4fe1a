package io.stowage.security.token;

import io.stowage.security.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class SigningKeyProperties {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<SigningKey> KEYS = List.of(TokenFixture.ES256_KEY, TokenFixture.EDDSA_KEY,
            TokenFixture.OTHER_ES256_KEY, TokenFixture.OTHER_EDDSA_KEY);

    @Property(tries = 50)
    void pemRoundTripsToAnEqualKeyThatSignsTheSame(@ForAll("keys") SigningKey key) throws Exception {
        String pem = key.toPem();

        SigningKey read = SigningKey.fromPem(pem, key.createdAt());

        assertThat(read).isEqualTo(key);
        assertThat(read.kid()).isEqualTo(key.kid());
        assertThat(read.keyPair().getPrivate().getEncoded()).isEqualTo(key.keyPair().getPrivate().getEncoded());
        assertThat(read.toPem()).isEqualTo(pem);
        TokenFixture fixture = new TokenFixture();
        TokenVerifier verifier = new TokenVerifier(List.of(key.verificationKey()), TokenFixture.ISSUER,
                TokenFixture.AUDIENCE, fixture.clock);
        assertThat(verifier.verify(TokenSigner.sign(fixture.claims(), read)).subject()).isEqualTo("alice");
    }

    @Property(tries = 50)
    void theKidIsStableForAKey(@ForAll("keys") SigningKey key) {
        SigningKey again = SigningKey.of(key.algorithm(), key.keyPair(), CREATED.plusSeconds(3600));

        assertThat(again.kid()).isEqualTo(key.kid());
        assertThat(VerificationKey.of(key.algorithm(), key.keyPair().getPublic()).kid()).isEqualTo(key.kid());
        assertThat(key.kid()).matches("[A-Za-z0-9_-]{43}");
    }

    @Property(tries = 2000)
    void arbitraryKeyFilesAreReadOrRefusedWithIllegalArgumentOnly(@ForAll("pemLikeStrings") String pem) {
        Throwable thrown = catchThrowable(() -> SigningKey.fromPem(pem, CREATED));

        if (thrown != null) {
            assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
            // The message must never carry key material.
            for (String line : pem.split("\n")) {
                if (line.length() >= 16 && !line.startsWith("-----")) {
                    assertThat(thrown.getMessage()).doesNotContain(line.strip());
                }
            }
        }
    }

    @Example
    void thePemIsPkcs8FollowedBySubjectPublicKeyInfo() {
        String pem = TokenFixture.ES256_KEY.toPem();

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").contains("\n-----END PRIVATE KEY-----\n"
                + "-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        for (String line : pem.split("\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(64);
        }
    }

    @Example
    void keyFilesWrittenByOpensslAreRead() throws Exception {
        // Throwaway test keys: openssl genpkey (-algorithm EC -pkeyopt ec_paramgen_curve:P-256 | -algorithm ed25519),
        // followed by openssl pkey -pubout. Expected kids computed separately from the SPKI bytes (RFC 7638).
        String ec = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgc0WDAa3u6mEE32mg
            dY+fHHwxcyVeq4lO5wzG7x34Q0mhRANCAASTBFZxY/ITT7dEtf5ThoNlxeAWmphN
            Scb74Zm2SaPs4M5P83xCKHz581RwBHKTp/N8+3KlRgGrVPvspVAcGXA4
            -----END PRIVATE KEY-----
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEkwRWcWPyE0+3RLX+U4aDZcXgFpqY
            TUnG++GZtkmj7ODOT/N8Qih8+fNUcARyk6fzfPtypUYBq1T77KVQHBlwOA==
            -----END PUBLIC KEY-----
            """;
        String ed = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIMMufPgx5Z55p50u751NdBtFyTP7u485aGm8b08jmkno
            -----END PRIVATE KEY-----
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAEawhs7x557y2o7l6yxphdhXkpcKmkg4M1AFV6tV95z4=
            -----END PUBLIC KEY-----
            """;

        SigningKey es256 = SigningKey.fromPem(ec, CREATED);
        SigningKey eddsa = SigningKey.fromPem(ed, CREATED);

        assertThat(es256.algorithm()).isEqualTo(Algorithm.ES256);
        assertThat(es256.kid()).isEqualTo("-xQ4Dp_eF6BpkFOUitX0b4ZAzgA3ggl9Axz_gRLP20c");
        assertThat(eddsa.algorithm()).isEqualTo(Algorithm.EDDSA);
        assertThat(eddsa.kid()).isEqualTo("1ZGSs2-zqj5QKh1rQUm5RLbwnXARUIZUogRFQhYem4s");
        TokenFixture fixture = new TokenFixture();
        TokenVerifier verifier = new TokenVerifier(Jwks.parse(Jwks.render(List.of(es256, eddsa))),
                TokenFixture.ISSUER, TokenFixture.AUDIENCE, fixture.clock);
        assertThat(verifier.verify(TokenSigner.sign(fixture.claims(), es256)).subject()).isEqualTo("alice");
        assertThat(verifier.verify(TokenSigner.sign(fixture.claims(), eddsa)).subject()).isEqualTo("alice");
    }

    @Example
    void keyFilesThatDoNotHoldExactlyOneMatchingPairAreRefused() {
        String es = TokenFixture.ES256_KEY.toPem();
        String ed = TokenFixture.EDDSA_KEY.toPem();
        String esPrivate = es.substring(0, es.indexOf("-----BEGIN PUBLIC KEY-----"));
        String esPublic = es.substring(es.indexOf("-----BEGIN PUBLIC KEY-----"));
        String edPrivate = ed.substring(0, ed.indexOf("-----BEGIN PUBLIC KEY-----"));
        String otherEs = TokenFixture.OTHER_ES256_KEY.toPem();
        String otherEsPublic = otherEs.substring(otherEs.indexOf("-----BEGIN PUBLIC KEY-----"));

        assertThat(SigningKey.fromPem(esPublic + "\r\n\n" + esPrivate.replace("\n", "\r\n"), CREATED))
                .isEqualTo(TokenFixture.ES256_KEY);
        for (String bad : List.of(esPrivate, esPublic, esPrivate + otherEsPublic, edPrivate + esPublic,
                es + esPublic, es + "trailing text\n", "comment\n" + es, es.replaceFirst("\n[A-Za-z0-9+/]", "\n!"),
                es.replace("-----END PRIVATE KEY-----", ""), "", "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n"
                        + esPublic, es.replace("PRIVATE KEY", "EC PRIVATE KEY"))) {
            assertThatThrownBy(() -> SigningKey.fromPem(bad, CREATED)).as(bad)
                    .isExactlyInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SigningKey.fromPem(null, CREATED)).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void mismatchedOrForeignKeyPairsAreRefused() throws Exception {
        KeyPair mismatched = new KeyPair(TokenFixture.ES256_KEY.keyPair().getPublic(),
                TokenFixture.OTHER_ES256_KEY.keyPair().getPrivate());
        assertThatThrownBy(() -> new SigningKey("k", Algorithm.ES256, mismatched, CREATED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pair");
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        assertThatThrownBy(() -> SigningKey.of(Algorithm.ES256, p384.generateKeyPair(), CREATED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKey.of(Algorithm.ES256, KeyPairGenerator.getInstance("RSA").generateKeyPair(),
                CREATED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKey.of(Algorithm.EDDSA, TokenFixture.ES256_KEY.keyPair(), CREATED))
                .isInstanceOf(IllegalArgumentException.class);
        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        assertThatThrownBy(() -> SigningKey.of(Algorithm.EDDSA, ed448, CREATED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SigningKey("bad kid", Algorithm.EDDSA, TokenFixture.EDDSA_KEY.keyPair(), CREATED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void generatedKeysRecordTheirCreationTimeAndHideTheirMaterial() {
        SigningKey key = SigningKey.generate(Algorithm.EDDSA, MutableClock.at("2026-05-05T10:00:00.123Z"));

        assertThat(key.createdAt()).isEqualTo(Instant.parse("2026-05-05T10:00:00Z"));
        assertThat(key.toString()).isEqualTo("SigningKey[kid=" + key.kid() + ", alg=EdDSA, createdAt="
                + "2026-05-05T10:00:00Z]");
        assertThat(key.verificationKey().toString()).doesNotContain("Sun").contains(key.kid());
    }

    @Provide
    Arbitrary<SigningKey> keys() {
        return Arbitraries.of(KEYS);
    }

    @Provide
    Arbitrary<String> pemLikeStrings() {
        Arbitrary<String> valid = Arbitraries.of(KEYS).map(SigningKey::toPem);
        Arbitrary<String> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 2000),
                Arbitraries.of("-", "\n", "A", "/", "+", "=", " ", "!", "", "MII"),
                Arbitraries.integers().between(0, 2)).as((pem, position, piece, kind) -> {
                    int at = position % (pem.length() + 1);
                    return switch (kind) {
                        case 0 -> pem.substring(0, at) + piece + pem.substring(at);
                        case 1 -> at == pem.length() ? pem + piece : pem.substring(0, at) + piece + pem.substring(at + 1);
                        default -> at == pem.length() ? pem : pem.substring(0, at) + pem.substring(at + 1);
                    };
                });
        Arbitrary<String> blocks = Combinators.combine(Arbitraries.of("PRIVATE KEY", "PUBLIC KEY", "CERTIFICATE"),
                        Arbitraries.strings().withChars("ABCDEFabcdef0123456789+/=").ofMaxLength(200))
                .as((label, body) -> "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n")
                .list().ofMaxSize(3).map(list -> String.join("", list));
        return Arbitraries.frequencyOf(Tuple.of(6, mutated), Tuple.of(3, blocks),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(200)));
    }
}
