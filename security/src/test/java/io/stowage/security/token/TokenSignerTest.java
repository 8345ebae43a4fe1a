package io.stowage.security.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.security.scope.Action;
import io.stowage.security.scope.ResourceType;
import io.stowage.security.scope.Scope;
import io.stowage.security.token.TokenException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static io.stowage.security.token.TokenFixture.AUDIENCE;
import static io.stowage.security.token.TokenFixture.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TokenSignerTest {

    private final TokenFixture fixture = new TokenFixture();
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aSignedTokenVerifiesToItsClaims(Algorithm algorithm) throws Exception {
        TokenClaims claims = fixture.claims();

        String token = TokenSigner.sign(claims, TokenFixture.key(algorithm));

        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(fixture.verifier.verify(token)).isEqualTo(claims);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theHeaderNamesAlgorithmTypeAndKid(Algorithm algorithm) {
        SigningKey key = TokenFixture.key(algorithm);

        String token = TokenSigner.sign(fixture.claims(), key);

        assertThat(Forge.json(token.split("\\.")[0]))
                .isEqualTo("{\"alg\":\"" + algorithm.jwsName() + "\",\"typ\":\"JWT\",\"kid\":\"" + key.kid() + "\"}");
    }

    @Test
    void thePayloadIsInTheDockerTokenFormat() throws Exception {
        TokenClaims claims = fixture.claims();

        JsonNode payload = json.readTree(Forge.json(TokenSigner.sign(claims, TokenFixture.ES256_KEY).split("\\.")[1]));

        assertThat(payload.get("iss").textValue()).isEqualTo(ISSUER);
        assertThat(payload.get("sub").textValue()).isEqualTo("alice");
        assertThat(payload.get("aud").textValue()).isEqualTo(AUDIENCE);
        assertThat(payload.get("iat").longValue()).isEqualTo(fixture.clock.instant().getEpochSecond());
        assertThat(payload.get("nbf").longValue()).isEqualTo(fixture.clock.instant().getEpochSecond());
        assertThat(payload.get("exp").longValue()).isEqualTo(fixture.clock.instant().getEpochSecond() + 300);
        assertThat(payload.get("jti").textValue()).isEqualTo(claims.id()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(payload.get("access").toString()).isEqualTo(
                "[{\"type\":\"repository\",\"name\":\"team/app\",\"actions\":[\"pull\",\"push\"]},"
                        + "{\"type\":\"registry\",\"name\":\"catalog\",\"actions\":[\"*\"]}]");
    }

    @Test
    void es256SignaturesAreJoseRAndSThatTheJdksDerVerifierAccepts() throws Exception {
        String token = TokenSigner.sign(fixture.claims(), TokenFixture.ES256_KEY);
        String[] segments = token.split("\\.");
        byte[] jose = Base64.getUrlDecoder().decode(segments[2]);

        assertThat(jose).hasSize(64);
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initVerify(TokenFixture.ES256_KEY.keyPair().getPublic());
        der.update((segments[0] + "." + segments[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(der.verify(Forge.joseToDer(jose))).isTrue();
    }

    @Test
    void eddsaSignaturesAreRawEd25519() throws Exception {
        String token = TokenSigner.sign(fixture.claims(), TokenFixture.EDDSA_KEY);
        String[] segments = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(segments[2]);

        assertThat(signature).hasSize(64);
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(TokenFixture.EDDSA_KEY.keyPair().getPublic());
        ed.update((segments[0] + "." + segments[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(ed.verify(signature)).isTrue();
    }

    @Test
    void validityAllowsThirtySecondsOfClockSkewAndNoMore() throws Exception {
        TokenClaims claims = fixture.claims();
        String token = TokenSigner.sign(claims, TokenFixture.ES256_KEY);

        fixture.clock.set(claims.expiresAt().plusSeconds(29));
        assertThat(fixture.verifier.verify(token)).isEqualTo(claims);
        fixture.clock.set(claims.expiresAt().plusSeconds(30));
        assertThat(reason(token)).isEqualTo(Reason.EXPIRED);

        fixture.clock.set(claims.notBefore().minusSeconds(30));
        assertThat(fixture.verifier.verify(token)).isEqualTo(claims);
        fixture.clock.set(claims.notBefore().minusSeconds(31));
        assertThat(reason(token)).isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void aTokenIssuedInTheFutureIsNotYetValid() {
        Instant now = fixture.clock.instant();
        TokenClaims claims = new TokenClaims(ISSUER, "alice", AUDIENCE, now.plusSeconds(120), now.minusSeconds(60),
                now.plusSeconds(600), "id", List.of());

        assertThat(reason(TokenSigner.sign(claims, TokenFixture.ES256_KEY))).isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void anonymousTokensHaveAnEmptySubjectAndMayGrantNothing() throws Exception {
        TokenClaims claims = TokenClaims.issue(ISSUER, "", AUDIENCE, List.of(), fixture.clock, Duration.ofMinutes(1));

        assertThat(fixture.verifier.verify(TokenSigner.sign(claims, TokenFixture.EDDSA_KEY))).isEqualTo(claims);
    }

    @Test
    void tokensAreRotatedWithoutDowntime() throws Exception {
        KeyRing ring = KeyRing.of(TokenFixture.ES256_KEY);
        String old = TokenSigner.sign(fixture.claims(), ring.current());

        KeyRing rotated = ring.rotate(TokenFixture.EDDSA_KEY);
        TokenVerifier afterRotation = new TokenVerifier(rotated.verificationKeys(), ISSUER, AUDIENCE, fixture.clock);
        String fresh = TokenSigner.sign(fixture.claims(), rotated.current());

        assertThat(afterRotation.verify(old).subject()).isEqualTo("alice");
        assertThat(afterRotation.verify(fresh).subject()).isEqualTo("alice");

        KeyRing retired = rotated.retire(TokenFixture.ES256_KEY.kid());
        TokenVerifier afterRetirement = new TokenVerifier(retired.verificationKeys(), ISSUER, AUDIENCE, fixture.clock);
        assertThat(afterRetirement.verify(fresh).subject()).isEqualTo("alice");
        assertThat(catchThrowableOfType(TokenException.class, () -> afterRetirement.verify(old)).reason())
                .isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void aTokenTooLargeToBeAcceptedIsNotSigned() {
        List<Scope> scopes = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            scopes.add(new Scope(ResourceType.REPOSITORY, ("r" + i + "/").repeat(40) + "x", Set.of(Action.PULL)));
        }
        TokenClaims claims = TokenClaims.issue(ISSUER, "alice", AUDIENCE, scopes, fixture.clock, Duration.ofMinutes(1));

        assertThatThrownBy(() -> TokenSigner.sign(claims, TokenFixture.ES256_KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fewer scopes");
    }

    @Test
    void claimsAreValidatedAndNormalisedToSeconds() {
        Instant now = Instant.parse("2026-03-01T12:00:00.750Z");
        TokenClaims claims = new TokenClaims(ISSUER, "a", AUDIENCE, now, now, now.plusSeconds(1), "id", List.of());
        assertThat(claims.issuedAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));

        assertThatThrownBy(() -> new TokenClaims("", "a", AUDIENCE, now, now, now.plusSeconds(9), "id", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenClaims(ISSUER, null, AUDIENCE, now, now, now.plusSeconds(9), "id", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenClaims(ISSUER, "a", AUDIENCE, now, now, now, "id", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenClaims(ISSUER, "a", AUDIENCE, now, now.plusSeconds(9), now.plusSeconds(5),
                "id", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenClaims(ISSUER, "a", AUDIENCE, now, now, now.plusSeconds(9), "", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenClaims(ISSUER, "a", AUDIENCE, now, now, now.plusSeconds(9), "id", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenClaims.issue(ISSUER, "a", AUDIENCE, List.of(), fixture.clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenClaims(ISSUER, "a\uD800", AUDIENCE, now, now, now.plusSeconds(9), "id",
                List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TokenClaims(ISSUER, "\uD83D\uDE00", AUDIENCE, now, now, now.plusSeconds(9), "id", List.of())
                .subject()).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void verifiersAreConfiguredStrictly() {
        VerificationKey es = TokenFixture.ES256_KEY.verificationKey();
        VerificationKey impostor = new VerificationKey(es.kid(), Algorithm.ES256,
                TokenFixture.OTHER_ES256_KEY.keyPair().getPublic());

        assertThatThrownBy(() -> new TokenVerifier(List.of(), ISSUER, AUDIENCE, fixture.clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenVerifier(List.of(es, impostor), ISSUER, AUDIENCE, fixture.clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenVerifier(List.of(es), ISSUER, AUDIENCE, fixture.clock, Duration.ofMinutes(6)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenVerifier(List.of(es), "", AUDIENCE, fixture.clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new TokenVerifier(List.of(es, es), ISSUER, AUDIENCE, fixture.clock)).isNotNull();
    }

    private Reason reason(String token) {
        return catchThrowableOfType(TokenException.class, () -> fixture.verifier.verify(token)).reason();
    }
}
