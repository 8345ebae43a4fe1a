package io.stowage.security.token;

import io.stowage.security.token.TokenException.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static io.stowage.security.token.TokenFixture.AUDIENCE;
import static io.stowage.security.token.TokenFixture.ES256_KEY;
import static io.stowage.security.token.TokenFixture.EDDSA_KEY;
import static io.stowage.security.token.TokenFixture.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Each known way of getting a forged or stale token accepted, and the reason it is refused for. */
class TokenAttackTest {

    private final TokenFixture fixture = new TokenFixture();
    private final String valid = TokenSigner.sign(fixture.claims(), ES256_KEY);
    private final String payload = Forge.json(valid.split("\\.")[1]);
    private final String esHeader = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + ES256_KEY.kid() + "\"}";

    @Test
    void theValidTokenIsAccepted() throws Exception {
        assertThat(fixture.verifier.verify(valid).subject()).isEqualTo("alice");
    }

    @Test
    void algNoneIsRefused() {
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + ES256_KEY.kid() + "\"}";
            String unsigned = Forge.unsigned(header, payload);
            // With an empty signature segment, and with the valid token's signature kept.
            assertRefused(unsigned + ".", Reason.ALGORITHM_NOT_ALLOWED);
            assertRefused(unsigned + "." + valid.split("\\.")[2], Reason.ALGORITHM_NOT_ALLOWED);
            // Without any signature segment at all.
            assertRefused(unsigned, Reason.MALFORMED);
        }
        assertRefused(Forge.unsigned("{\"alg\":\"none\"}", payload) + ".", Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void hmacWithAGuessedSecretIsRefused() {
        for (String secret : List.of("secret", "\u0000", "stowage", ISSUER)) {
            String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + ES256_KEY.kid() + "\"}";
            assertRefused(Forge.hmac(header, payload, secret.getBytes(StandardCharsets.UTF_8)),
                    Reason.ALGORITHM_NOT_ALLOWED);
        }
    }

    @Test
    void hmacWithThePublicKeyAsSecretIsRefused() {
        for (SigningKey key : List.of(ES256_KEY, EDDSA_KEY)) {
            byte[] spki = key.keyPair().getPublic().getEncoded();
            String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(spki)
                    + "\n-----END PUBLIC KEY-----\n";
            String jwks = Jwks.render(List.of(key));
            for (byte[] secret : List.of(spki, pem.getBytes(StandardCharsets.US_ASCII),
                    jwks.getBytes(StandardCharsets.UTF_8))) {
                for (String alg : List.of("HS256", "HS384", "HS512")) {
                    String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + key.kid() + "\"}";
                    assertRefused(Forge.hmac(header, payload, secret), Reason.ALGORITHM_NOT_ALLOWED);
                }
            }
        }
    }

    @Test
    void anAlgorithmOtherThanTheKeysPinnedOneIsRefused() {
        // An EdDSA key's kid with alg ES256, signed by that key: a valid signature under the wrong algorithm.
        String edAsEs = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + EDDSA_KEY.kid() + "\"}";
        assertRefused(Forge.signed(edAsEs, payload, "Ed25519", EDDSA_KEY.keyPair().getPrivate()),
                Reason.ALGORITHM_NOT_ALLOWED);
        String esAsEd = "{\"alg\":\"EdDSA\",\"typ\":\"JWT\",\"kid\":\"" + ES256_KEY.kid() + "\"}";
        assertRefused(Forge.signed(esAsEd, payload, "SHA256withECDSAinP1363Format", ES256_KEY.keyPair().getPrivate()),
                Reason.ALGORITHM_NOT_ALLOWED);
        for (String alg : List.of("RS256", "PS256", "ES384", "ES512", "ES256K", "Ed25519", "es256", "")) {
            String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + ES256_KEY.kid() + "\"}";
            assertRefused(Forge.signed(header, payload, "SHA256withECDSAinP1363Format",
                    ES256_KEY.keyPair().getPrivate()), Reason.ALGORITHM_NOT_ALLOWED);
        }
    }

    @Test
    void expiredTokensAreRefused() {
        fixture.clock.advance(TokenFixture.LIFETIME.plus(TokenVerifier.DEFAULT_LEEWAY));
        assertRefused(valid, Reason.EXPIRED);
        fixture.clock.advance(Duration.ofDays(365));
        assertRefused(valid, Reason.EXPIRED);
    }

    @Test
    void tokensNotYetValidAreRefused() {
        Instant later = fixture.clock.instant().plus(Duration.ofMinutes(10));
        TokenClaims future = new TokenClaims(ISSUER, "alice", AUDIENCE, fixture.clock.instant(), later,
                later.plus(Duration.ofMinutes(5)), "id-1", List.of());
        assertRefused(TokenSigner.sign(future, ES256_KEY), Reason.NOT_YET_VALID);
    }

    @Test
    void tokensForAnotherAudienceOrFromAnotherIssuerAreRefused() {
        TokenClaims original = fixture.claims();
        TokenClaims otherAudience = new TokenClaims(ISSUER, "alice", "other-registry", original.issuedAt(),
                original.notBefore(), original.expiresAt(), original.id(), original.access());
        TokenClaims otherIssuer = new TokenClaims("https://evil.test", "alice", AUDIENCE, original.issuedAt(),
                original.notBefore(), original.expiresAt(), original.id(), original.access());
        TokenClaims caseVariant = new TokenClaims(ISSUER.toUpperCase(), "alice", AUDIENCE, original.issuedAt(),
                original.notBefore(), original.expiresAt(), original.id(), original.access());

        assertRefused(TokenSigner.sign(otherAudience, ES256_KEY), Reason.WRONG_AUDIENCE);
        assertRefused(TokenSigner.sign(otherIssuer, ES256_KEY), Reason.WRONG_ISSUER);
        assertRefused(TokenSigner.sign(caseVariant, ES256_KEY), Reason.WRONG_ISSUER);
        String audienceArray = payload.replace("\"aud\":\"" + AUDIENCE + "\"", "\"aud\":[\"" + AUDIENCE + "\"]");
        assertRefused(Forge.signed(esHeader, audienceArray, "SHA256withECDSAinP1363Format",
                ES256_KEY.keyPair().getPrivate()), Reason.MALFORMED);
    }

    @Test
    void aTamperedPayloadWithTheOriginalSignatureIsRefused() {
        String[] segments = valid.split("\\.");
        for (String tampered : List.of(
                payload.replace("\"pull\",\"push\"", "\"*\""),
                payload.replace("\"sub\":\"alice\"", "\"sub\":\"admin\""),
                payload.replace("team/app", "team/other"),
                payload.replaceFirst("\"exp\":\\d+", "\"exp\":4102444800"),
                payload + " ")) {
            assertThat(tampered).isNotEqualTo(payload);
            assertRefused(segments[0] + "." + Forge.b64(tampered) + "." + segments[2], Reason.BAD_SIGNATURE);
        }
        // The header too: a changed typ under the original signature.
        String otherHeader = esHeader.replace("\"typ\":\"JWT\"", "\"typ\":\"jwt\"");
        assertRefused(Forge.b64(otherHeader) + "." + segments[1] + "." + segments[2], Reason.BAD_SIGNATURE);
    }

    @Test
    void anUnknownOrMissingKidIsRefused() {
        String unknown = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + TokenFixture.OTHER_ES256_KEY.kid() + "\"}";
        assertRefused(Forge.signed(unknown, payload, "SHA256withECDSAinP1363Format",
                TokenFixture.OTHER_ES256_KEY.keyPair().getPrivate()), Reason.UNKNOWN_KEY);
        assertRefused(TokenSigner.sign(fixture.claims(), TokenFixture.OTHER_EDDSA_KEY), Reason.UNKNOWN_KEY);
        assertRefused(Forge.signed("{\"alg\":\"ES256\",\"typ\":\"JWT\"}", payload, "SHA256withECDSAinP1363Format",
                ES256_KEY.keyPair().getPrivate()), Reason.UNKNOWN_KEY);
        assertRefused(Forge.signed("{\"alg\":\"ES256\",\"kid\":42}", payload, "SHA256withECDSAinP1363Format",
                ES256_KEY.keyPair().getPrivate()), Reason.MALFORMED);
    }

    @Test
    void aKeyEmbeddedInTheHeaderIsNeverTrusted() {
        SigningKey attacker = TokenFixture.OTHER_ES256_KEY;
        String jwk = Jwks.render(List.of(attacker));
        String embedded = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + attacker.kid() + "\",\"jwk\":"
                + jwk.substring(jwk.indexOf('[') + 1, jwk.lastIndexOf(']')) + ",\"jku\":\"https://evil.test/jwks\"}";
        assertRefused(Forge.signed(embedded, payload, "SHA256withECDSAinP1363Format",
                attacker.keyPair().getPrivate()), Reason.UNKNOWN_KEY);
    }

    @Test
    void aTokenSignedByAnotherKeyUnderTheSameKidIsRefused() {
        SigningKey impostor = new SigningKey(ES256_KEY.kid(), Algorithm.ES256,
                TokenFixture.OTHER_ES256_KEY.keyPair(), ES256_KEY.createdAt());
        assertRefused(TokenSigner.sign(fixture.claims(), impostor), Reason.BAD_SIGNATURE);

        SigningKey edImpostor = new SigningKey(EDDSA_KEY.kid(), Algorithm.EDDSA,
                TokenFixture.OTHER_EDDSA_KEY.keyPair(), EDDSA_KEY.createdAt());
        assertRefused(TokenSigner.sign(fixture.claims(), edImpostor), Reason.BAD_SIGNATURE);
    }

    @Test
    void anEs256SignatureInDerFormIsRefused() {
        String derSigned = Forge.signed(esHeader, payload, "SHA256withECDSA", ES256_KEY.keyPair().getPrivate());
        assertRefused(derSigned, Reason.BAD_SIGNATURE);

        String[] segments = valid.split("\\.");
        byte[] der = Forge.joseToDer(Base64.getUrlDecoder().decode(segments[2]));
        assertRefused(segments[0] + "." + segments[1] + "." + Forge.b64(der), Reason.BAD_SIGNATURE);
    }

    @Test
    void degenerateSignaturesAreRefused() {
        String[] segments = valid.split("\\.");
        String input = segments[0] + "." + segments[1] + ".";
        assertRefused(input + Forge.b64(new byte[64]), Reason.BAD_SIGNATURE);
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0xff);
        assertRefused(input + Forge.b64(ones), Reason.BAD_SIGNATURE);
        assertRefused(input + Forge.b64(new byte[63]), Reason.BAD_SIGNATURE);
        assertRefused(input + Forge.b64(new byte[65]), Reason.BAD_SIGNATURE);
        assertRefused(input, Reason.BAD_SIGNATURE);
        String edToken = TokenSigner.sign(fixture.claims(), EDDSA_KEY);
        String[] ed = edToken.split("\\.");
        assertRefused(ed[0] + "." + ed[1] + "." + Forge.b64(new byte[64]), Reason.BAD_SIGNATURE);
    }

    @Test
    void missingOrExtraSegmentsAreRefused() {
        String[] s = valid.split("\\.");
        for (String token : List.of(s[0], s[0] + "." + s[1], valid + ".", valid + "." + s[2], "." + valid,
                s[0] + "." + s[1] + "." + s[2] + "." + s[1] + "." + s[2], s[0] + ".." + s[2], "." + s[1] + "." + s[2],
                "..", ".", "", valid + "=", valid + " ", " " + valid, valid + "\n", "Bearer " + valid,
                valid.replace('.', ','), s[0] + "=." + s[1] + "." + s[2])) {
            assertRefused(token, Reason.MALFORMED);
        }
        assertRefused(null, Reason.MALFORMED);
    }

    @Test
    void truncatedTokensAreRefused() {
        for (int length = 0; length < valid.length(); length++) {
            String prefix = valid.substring(0, length);
            assertThat(catchThrowable(() -> fixture.verifier.verify(prefix))).isInstanceOf(TokenException.class);
        }
    }

    @Test
    void hugeInputsAreRefusedBeforeAnyDecoding() {
        String atLimit = "a".repeat(TokenVerifier.MAX_TOKEN_LENGTH + 1);
        assertRefused(atLimit, Reason.MALFORMED);
        String[] s = valid.split("\\.");
        String padded = payload.substring(0, payload.length() - 1) + ",\"pad\":\"" + "x".repeat(20_000) + "\"}";
        assertRefused(Forge.signed(esHeader, padded, "SHA256withECDSAinP1363Format",
                ES256_KEY.keyPair().getPrivate()), Reason.MALFORMED);
        long start = System.nanoTime();
        assertRefused(s[0] + "." + "A".repeat(50_000_000) + "." + s[2], Reason.MALFORMED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void criticalHeadersDuplicateMembersAndTrailingDataAreRefused() {
        for (String header : List.of(
                esHeader.replace("}", ",\"crit\":[\"exp\"]}"),
                "{\"alg\":\"ES256\",\"alg\":\"none\",\"kid\":\"" + ES256_KEY.kid() + "\"}",
                "{\"alg\":\"none\",\"alg\":\"ES256\",\"kid\":\"" + ES256_KEY.kid() + "\"}",
                esHeader + "{}",
                esHeader + "x",
                esHeader.replace("\"typ\":\"JWT\"", "\"typ\":\"JWE\""),
                "[" + esHeader + "]",
                "{\"alg\":[\"ES256\"],\"kid\":\"" + ES256_KEY.kid() + "\"}",
                "{\"kid\":\"" + ES256_KEY.kid() + "\"}")) {
            assertRefused(Forge.signed(header, payload, "SHA256withECDSAinP1363Format",
                    ES256_KEY.keyPair().getPrivate()), Reason.MALFORMED);
        }
        // The same strictness for claims, even when signed by a trusted key.
        for (String claims : List.of(
                payload.replace("\"sub\":\"alice\"", "\"sub\":\"alice\",\"sub\":\"admin\""),
                payload + "{}",
                payload.replaceFirst("\"exp\":(\\d+)", "\"exp\":$1.5"),
                payload.replaceFirst("\"exp\":(\\d+)", "\"exp\":\"$1\""),
                payload.replaceFirst("\"exp\":(\\d+)", "\"exp\":1e400"),
                payload.replaceFirst("\"exp\":(\\d+)", "\"exp\":99999999999999999999999"),
                payload.replace("\"actions\":[\"pull\",\"push\"]", "\"actions\":[\"pull\",\"admin\"]"),
                payload.replace("team/app", "../etc"),
                payload.replace("\"iss\":", "\"issuer\":"),
                "[]", "null", "\"text\"")) {
            assertRefused(Forge.signed(esHeader, claims, "SHA256withECDSAinP1363Format",
                    ES256_KEY.keyPair().getPrivate()), Reason.MALFORMED);
        }
    }

    @Test
    void invalidUtf8AndNonCanonicalBase64AreMalformed() {
        String badUtf8 = Forge.b64(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}'});
        String[] s = valid.split("\\.");
        assertRefused(badUtf8 + "." + s[1] + "." + s[2], Reason.MALFORMED);
        // "RXhhbXBsZQ" and "RXhhbXBsZR" decode to the same bytes; only the first is canonical.
        String header = s[0];
        char last = header.charAt(header.length() - 1);
        assertThat(header.length() % 4).isNotZero();
        String variant = header.substring(0, header.length() - 1) + (char) (last + 1);
        Throwable thrown = catchThrowable(() -> fixture.verifier.verify(variant + "." + s[1] + "." + s[2]));
        assertThat(thrown).isInstanceOf(TokenException.class);
    }

    @Test
    void aKeyOfAnotherCurveCannotBeConfigured() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        var p384 = generator.generateKeyPair();
        assertThat(catchThrowable(() -> new VerificationKey("k", Algorithm.ES256, p384.getPublic())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> new VerificationKey("k", Algorithm.EDDSA, ES256_KEY.keyPair().getPublic())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> new VerificationKey("k", Algorithm.ES256, EDDSA_KEY.keyPair().getPublic())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRefused(String token, Reason reason) {
        Throwable thrown = catchThrowable(() -> fixture.verifier.verify(token));
        assertThat(thrown).as(token == null ? "null" : token.length() > 200 ? token.substring(0, 200) : token)
                .isInstanceOf(TokenException.class);
        assertThat(((TokenException) thrown).reason()).as(String.valueOf(token)).isEqualTo(reason);
        if (token != null && token.length() >= 10) {
            assertThat(thrown.getMessage()).doesNotContain(token);
        }
    }
}
