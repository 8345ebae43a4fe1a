package io.stowage.security.token;

import io.stowage.security.scope.Action;
import io.stowage.security.scope.ResourceType;
import io.stowage.security.scope.Scope;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.stowage.security.token.TokenFixture.AUDIENCE;
import static io.stowage.security.token.TokenFixture.ES256_KEY;
import static io.stowage.security.token.TokenFixture.EDDSA_KEY;
import static io.stowage.security.token.TokenFixture.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class TokenVerifierProperties {

    private static final String TOKEN_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

    private final TokenFixture fixture = new TokenFixture();
    private final List<String> validTokens = List.of(
            TokenSigner.sign(fixture.claims(), ES256_KEY), TokenSigner.sign(fixture.claims(), EDDSA_KEY));

    @Property(tries = 1000)
    void arbitraryInputIsRefusedWithTokenExceptionOnly(@ForAll("tokenLikeStrings") String input) {
        Throwable thrown = catchThrowable(() -> fixture.verifier.verify(input));

        assertThat(thrown).isInstanceOf(TokenException.class);
        assertThat(thrown.getMessage()).doesNotContain(input.length() >= 10 ? input : "\u0000\u0000");
    }

    @Property(tries = 2000)
    void everyMutationOfAValidTokenIsRefused(@ForAll("mutatedTokens") String mutated) {
        Throwable thrown = catchThrowable(() -> fixture.verifier.verify(mutated));

        assertThat(thrown).isInstanceOf(TokenException.class);
        Statistics.label("reason").collect(((TokenException) thrown).reason());
    }

    @Property(tries = 1000)
    void arbitraryHeadersAndClaimsSignedByATrustedKeyStillOnlyYieldClaimsOrTokenException(
            @ForAll("headers") String header, @ForAll("payloads") String payload, @ForAll Algorithm algorithm) {
        SigningKey key = TokenFixture.key(algorithm);
        String jca = algorithm == Algorithm.ES256 ? "SHA256withECDSAinP1363Format" : "Ed25519";
        String token = Forge.signed(header.replace("KID", key.kid()).replace("ALG", algorithm.jwsName()), payload,
                jca, key.keyPair().getPrivate());

        Throwable thrown = catchThrowable(() -> fixture.verifier.verify(token));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(TokenException.class);
        }
        String outcome = thrown == null ? "accepted" : ((TokenException) thrown).reason().name();
        Statistics.label("outcome").collect(outcome);
        // Enough well-formed tokens that the checks after the signature run too, not only the parsing.
        Statistics.label("outcome").coverage(c -> {
            c.check("accepted").count(n -> n > 5);
            c.check("EXPIRED").count(n -> n > 0);
            c.check("NOT_YET_VALID").count(n -> n > 0);
            c.check("WRONG_ISSUER").count(n -> n > 0);
            c.check("WRONG_AUDIENCE").count(n -> n > 0);
        });
    }

    @Property(tries = 300)
    void anyValidClaimsRoundTrip(@ForAll("claims") TokenClaims claims, @ForAll Algorithm algorithm) throws Exception {
        fixture.clock.set(claims.notBefore().plusSeconds(1));
        TokenVerifier verifier = new TokenVerifier(List.of(TokenFixture.key(algorithm).verificationKey()),
                claims.issuer(), claims.audience(), fixture.clock);

        String token = TokenSigner.sign(claims, TokenFixture.key(algorithm));

        assertThat(verifier.verify(token)).isEqualTo(claims);
    }

    @Provide
    Arbitrary<String> tokenLikeStrings() {
        Arbitrary<String> segment = Arbitraries.strings().withChars(TOKEN_ALPHABET.substring(0, 64)).ofMaxLength(120);
        Arbitrary<String> threeSegments = Combinators.combine(segment, segment, segment)
                .as((a, b, c) -> a + "." + b + "." + c);
        Arbitrary<String> encodedJson = Arbitraries.of("{}", "{\"alg\":\"ES256\"}", "{\"alg\":\"none\"}", "null",
                "{\"alg\":\"EdDSA\",\"kid\":\"" + EDDSA_KEY.kid() + "\"}", "[", "{\"a\":" + "[".repeat(100) + "}")
                .map(Forge::b64);
        Arbitrary<String> jsonSegments = Combinators.combine(encodedJson, encodedJson, segment)
                .as((a, b, c) -> a + "." + b + "." + c);
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().withChars(TOKEN_ALPHABET).ofMaxLength(300)),
                Tuple.of(3, threeSegments),
                Tuple.of(3, jsonSegments),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(300)),
                Tuple.of(1, Arbitraries.strings().withChars(TOKEN_ALPHABET).ofMinLength(16_000).ofMaxLength(17_000)));
    }

    @Provide
    Arbitrary<String> mutatedTokens() {
        Arbitrary<String> token = Arbitraries.of(validTokens);
        Arbitrary<Character> character = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(TOKEN_ALPHABET.chars().mapToObj(c -> (char) c).toList())),
                Tuple.of(1, Arbitraries.of('=', ' ', '+', '/', '\n', '\u00e9')),
                Tuple.of(1, Arbitraries.chars()));
        Arbitrary<String> pointMutation = Combinators.combine(token, Arbitraries.integers().between(0, 10_000),
                character, Arbitraries.integers().between(0, 2)).as((t, position, c, kind) -> {
                    int at = position % t.length();
                    return switch (kind) {
                        case 0 -> t.substring(0, at) + c + t.substring(at);
                        case 1 -> t.substring(0, at) + c + t.substring(at + 1);
                        default -> t.substring(0, at) + t.substring(at + 1);
                    };
                });
        Arbitrary<String> segmentMutation = Combinators.combine(token, token, Arbitraries.integers().between(0, 5))
                .as((a, b, kind) -> {
                    String[] x = a.split("\\.");
                    String[] y = b.split("\\.");
                    return switch (kind) {
                        case 0 -> x[0] + "." + x[1];
                        case 1 -> x[1] + "." + x[0] + "." + x[2];
                        case 2 -> x[0] + "." + x[1] + "." + y[2];
                        case 3 -> y[0] + "." + x[1] + "." + x[2];
                        case 4 -> a + "." + x[2];
                        default -> x[0] + "." + x[1] + "." + x[2].substring(0, x[2].length() / 2);
                    };
                });
        return Arbitraries.oneOf(pointMutation, segmentMutation).filter(m -> !validTokens.contains(m));
    }

    @Provide
    Arbitrary<String> headers() {
        Arbitrary<String> member = Arbitraries.of(
                "\"alg\":\"ALG\"", "\"alg\":\"none\"", "\"alg\":\"HS256\"", "\"alg\":null", "\"alg\":1",
                "\"kid\":\"KID\"", "\"kid\":\"other\"", "\"kid\":[]", "\"typ\":\"JWT\"", "\"typ\":\"jwt\"",
                "\"typ\":\"at+jwt\"", "\"crit\":[]", "\"cty\":\"JWT\"", "\"x5u\":\"https://x\"", "\"b64\":false");
        Arbitrary<String> random = member.list().ofMaxSize(5).map(members -> "{" + String.join(",", members) + "}");
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("{\"alg\":\"ALG\",\"typ\":\"JWT\",\"kid\":\"KID\"}")),
                Tuple.of(2, random));
    }

    @Provide
    Arbitrary<String> payloads() {
        long now = fixture.clock.instant().getEpochSecond();
        Arbitrary<String> time = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(now - 1000, now + 1000).map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("-1", "0", "1.5", "\"1\"", "null", "1e3", "253402300800",
                        "9223372036854775808")));
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.of("\"" + ISSUER + "\"", "\"" + AUDIENCE + "\"",
                "\"\"", "\"alice\"", "null", "7", "[\"" + AUDIENCE + "\"]"));
        Arbitrary<String> issuer = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just("\"" + ISSUER + "\"")),
                Tuple.of(1, Arbitraries.just("\"https://evil.test\"")), Tuple.of(1, text));
        Arbitrary<String> audience = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just("\"" + AUDIENCE + "\"")),
                Tuple.of(1, Arbitraries.just("\"other-registry\"")), Tuple.of(1, text));
        Arbitrary<String> access = Arbitraries.of("[]", "null", "{}",
                "[{\"type\":\"repository\",\"name\":\"a\",\"actions\":[\"pull\"]}]",
                "[{\"type\":\"repository\",\"name\":\"a\",\"actions\":[]}]",
                "[{\"type\":\"registry\",\"name\":\"catalog\",\"actions\":[\"*\"]}]",
                "[{\"type\":\"registry\",\"name\":\"a\",\"actions\":[\"*\"]}]",
                "[{\"type\":\"repository\",\"name\":\"A\",\"actions\":[\"pull\"]}]",
                "[{\"type\":\"repository\",\"actions\":[\"pull\"]}]", "[1]", "[null]");
        Arbitrary<String> member = Arbitraries.oneOf(
                text.map(v -> "\"iss\":" + v), text.map(v -> "\"aud\":" + v), text.map(v -> "\"sub\":" + v),
                text.map(v -> "\"jti\":" + v), time.map(v -> "\"exp\":" + v), time.map(v -> "\"nbf\":" + v),
                time.map(v -> "\"iat\":" + v), access.map(v -> "\"access\":" + v));
        // Mostly consistent times (iat <= nbf < exp) around now, so that validity is decided by the clock.
        Arbitrary<String[]> consistentTimes = Combinators.combine(Arbitraries.longs().between(now - 700, now + 60),
                        Arbitraries.longs().between(0, 120), Arbitraries.longs().between(300, 900))
                .as((nbf, early, life) -> new String[]{String.valueOf(nbf + life), String.valueOf(nbf),
                        String.valueOf(nbf - early)});
        Arbitrary<String[]> anyTimes = Combinators.combine(time, time, time).as((a, b, c) -> new String[]{a, b, c});
        Arbitrary<String[]> times = Arbitraries.frequencyOf(Tuple.of(4, consistentTimes), Tuple.of(1, anyTimes));
        Arbitrary<String> validAccess = Arbitraries.of("[]",
                "[{\"type\":\"repository\",\"name\":\"a\",\"actions\":[\"pull\"]}]",
                "[{\"type\":\"registry\",\"name\":\"catalog\",\"actions\":[\"*\"]}]");
        Arbitrary<String> someAccess = Arbitraries.frequencyOf(Tuple.of(3, validAccess), Tuple.of(1, access));
        Arbitrary<String> complete = Combinators.combine(issuer, audience, times, someAccess)
                .as((iss, aud, t, acc) -> "{\"iss\":" + iss + ",\"sub\":\"alice\",\"aud\":" + aud
                        + ",\"exp\":" + t[0] + ",\"nbf\":" + t[1] + ",\"iat\":" + t[2] + ",\"jti\":\"j\",\"access\":"
                        + acc + "}");
        Arbitrary<String> partial = member.list().ofMaxSize(9).map(m -> "{" + String.join(",", m) + "}");
        return Arbitraries.frequencyOf(Tuple.of(6, complete), Tuple.of(2, partial),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(50)));
    }

    @Provide
    Arbitrary<TokenClaims> claims() {
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
                .filter(TokenVerifierProperties::isValidUnicode);
        Arbitrary<Instant> start = Arbitraries.longs().between(0, 4_000_000_000L).map(Instant::ofEpochSecond);
        Arbitrary<Scope> scope = Combinators.combine(
                        Arbitraries.strings().withChars("abc0123456789").ofMinLength(1).ofMaxLength(10)
                                .list().ofMinSize(1).ofMaxSize(3).map(p -> String.join("/", p)),
                        Arbitraries.of(Action.class).set().ofMinSize(1))
                .as((name, actions) -> new Scope(ResourceType.REPOSITORY, name, Set.copyOf(actions)));
        Arbitrary<List<Scope>> access = Arbitraries.oneOf(scope, Arbitraries.just(Scope.catalog())).list().ofMaxSize(5);
        return Combinators.combine(text, Arbitraries.strings().ofMaxLength(40).filter(TokenVerifierProperties::isValidUnicode),
                        text, start,
                        Arbitraries.longs().between(1, 86_400), text, access)
                .as((issuer, subject, audience, at, lifetime, id, scopes) -> new TokenClaims(issuer, subject,
                        audience, at, at, at.plus(Duration.ofSeconds(lifetime)), id, scopes));
    }

    private static boolean isValidUnicode(String s) {
        return s.codePoints().noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }
}
