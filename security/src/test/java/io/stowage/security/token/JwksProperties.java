package io.stowage.security.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.security.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import static io.stowage.security.token.TokenFixture.AUDIENCE;
import static io.stowage.security.token.TokenFixture.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class JwksProperties {

    // A pool of keys, generated once: generating per try would only measure key generation.
    private static final List<SigningKey> POOL = IntStream.range(0, 8)
            .mapToObj(i -> SigningKey.generate(i % 2 == 0 ? Algorithm.ES256 : Algorithm.EDDSA,
                    MutableClock.at("2026-01-01T00:00:00Z")))
            .toList();

    private static final String RFC8037_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static final String RFC7515_X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    private static final String RFC7515_Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

    private final ObjectMapper json = new ObjectMapper();

    @Property(tries = 200)
    void renderedKeysParseBackToTheSameVerificationKeys(@ForAll("keySets") List<SigningKey> keys) {
        List<VerificationKey> parsed = Jwks.parse(Jwks.render(keys));

        assertThat(parsed).containsExactlyElementsOf(keys.stream().map(SigningKey::verificationKey).toList());
    }

    @Property(tries = 200)
    void aTokenVerifiesWithTheKeyParsedBackFromTheJwks(@ForAll("keySets") List<SigningKey> keys) throws Exception {
        TokenFixture fixture = new TokenFixture();
        TokenVerifier verifier = new TokenVerifier(Jwks.parse(Jwks.render(keys)), ISSUER, AUDIENCE, fixture.clock);

        for (SigningKey key : keys) {
            TokenClaims claims = fixture.claims();
            assertThat(verifier.verify(TokenSigner.sign(claims, key))).isEqualTo(claims);
        }
    }

    @Property(tries = 200)
    void renderedJwksHoldOnlyPublicMembers(@ForAll("keySets") List<SigningKey> keys) throws Exception {
        JsonNode set = json.readTree(Jwks.render(keys));

        assertThat(set.get("keys")).hasSize(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            JsonNode jwk = set.get("keys").get(i);
            SigningKey key = keys.get(i);
            List<String> names = new ArrayList<>();
            jwk.fieldNames().forEachRemaining(names::add);
            if (key.algorithm() == Algorithm.ES256) {
                assertThat(names).containsExactly("kty", "crv", "x", "y", "kid", "alg", "use");
                assertThat(jwk.get("kty").textValue()).isEqualTo("EC");
                assertThat(jwk.get("crv").textValue()).isEqualTo("P-256");
                assertThat(Base64.getUrlDecoder().decode(jwk.get("x").textValue())).hasSize(32);
                assertThat(Base64.getUrlDecoder().decode(jwk.get("y").textValue())).hasSize(32);
            } else {
                assertThat(names).containsExactly("kty", "crv", "x", "kid", "alg", "use");
                assertThat(jwk.get("kty").textValue()).isEqualTo("OKP");
                assertThat(jwk.get("crv").textValue()).isEqualTo("Ed25519");
            }
            assertThat(jwk.get("kid").textValue()).isEqualTo(key.kid());
            assertThat(jwk.get("alg").textValue()).isEqualTo(key.algorithm().jwsName());
            assertThat(jwk.get("use").textValue()).isEqualTo("sig");
        }
    }

    @Property(tries = 2000)
    void arbitraryInputParsesOrFailsWithIllegalArgumentOnly(@ForAll("jwksLikeStrings") String input) {
        Throwable thrown = catchThrowable(() -> Jwks.parse(input));

        if (thrown != null) {
            assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
        }
    }

    @Example
    void theKidIsTheRfc7638ThumbprintOfThePublicKey() throws Exception {
        List<VerificationKey> rfc8037 = Jwks.parse(
                "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + RFC8037_X + "\",\"kid\":\"a\"}]}");
        // RFC 8037 appendix A.3.
        assertThat(VerificationKey.of(Algorithm.EDDSA, rfc8037.get(0).publicKey()).kid())
                .isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");

        for (SigningKey key : POOL) {
            String canonical;
            if (key.algorithm() == Algorithm.ES256) {
                ECPublicKey ec = (ECPublicKey) key.keyPair().getPublic();
                canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + fixed(ec.getW().getAffineX().toByteArray())
                        + "\",\"y\":\"" + fixed(ec.getW().getAffineY().toByteArray()) + "\"}";
            } else {
                byte[] spki = key.keyPair().getPublic().getEncoded();
                canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\""
                        + Forge.b64(Arrays.copyOfRange(spki, spki.length - 32, spki.length)) + "\"}";
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            assertThat(key.kid()).isEqualTo(Forge.b64(digest)).hasSize(43);
        }
    }

    @Example
    void rfcSignaturesVerifyWithKeysParsedFromTheirJwks() throws Exception {
        // RFC 8037 appendix A.4 (Ed25519) and RFC 7515 appendix A.3 (ES256, a JOSE R||S signature).
        VerificationKey ed = Jwks.parse(
                "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + RFC8037_X + "\",\"kid\":\"ed\"}]}").get(0);
        assertThat(verifies(ed, "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc",
                "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg")).isTrue();

        VerificationKey es = Jwks.parse("{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + RFC7515_X
                + "\",\"y\":\"" + RFC7515_Y + "\",\"kid\":\"es\",\"alg\":\"ES256\"}]}").get(0);
        String input = "eyJhbGciOiJFUzI1NiJ9."
                + "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
        String signature = "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
        assertThat(verifies(es, input, signature)).isTrue();
        assertThat(verifies(es, input + "x", signature)).isFalse();
    }

    @Example
    void unknownKeyTypesAreSkippedAndUnsafeKeysRefused() {
        String ed = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + RFC8037_X + "\",\"kid\":\"ed\"}";
        assertThat(Jwks.parse("{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"kid\":\"r\"},"
                + "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"" + RFC8037_X + "\",\"kid\":\"x\"},"
                + "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"AA\",\"y\":\"AA\",\"kid\":\"p\"}," + ed + "]}"))
                .extracting(VerificationKey::kid).containsExactly("ed");
        assertThat(Jwks.parse("{\"keys\":[]}")).isEmpty();

        String offCurve = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + RFC7515_X + "\",\"y\":\"" + RFC7515_X
                + "\",\"kid\":\"o\"}";
        for (String bad : List.of(
                "{\"keys\":[" + ed.replace("}", ",\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"}") + "]}",
                "{\"keys\":[" + ed.replace("}", ",\"use\":\"enc\"}") + "]}",
                "{\"keys\":[" + ed.replace("}", ",\"alg\":\"ES256\"}") + "]}",
                "{\"keys\":[" + ed.replace("}", ",\"alg\":\"HS256\"}") + "]}",
                "{\"keys\":[" + ed + "," + ed + "]}",
                "{\"keys\":[" + ed.replace(",\"kid\":\"ed\"", "") + "]}",
                "{\"keys\":[" + ed.replace(RFC8037_X, RFC8037_X + "A") + "]}",
                "{\"keys\":[" + ed.replace(RFC8037_X, RFC8037_X.substring(0, 42) + "p") + "]}",
                "{\"keys\":[" + ed.replace(RFC8037_X, "__________________________________________8") + "]}",
                "{\"keys\":[" + offCurve + "]}",
                "{\"keys\":[" + ed.replace("\"kid\":\"ed\"", "\"kid\":\"a b\"") + "]}",
                "{\"keys\":[{\"crv\":\"Ed25519\"}]}",
                "{\"keys\":[1]}", "{\"keys\":{}}", "{}", "[]", "", "{\"keys\":[]} x", "{\"keys\":[],\"keys\":[]}")) {
            assertThatThrownBy(() -> Jwks.parse(bad)).as(bad).isExactlyInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Jwks.parse(null)).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jwks.parse(" ".repeat(Jwks.MAX_LENGTH + 1)))
                .isExactlyInstanceOf(IllegalArgumentException.class);
    }

    private static boolean verifies(VerificationKey key, String input, String signature) throws Exception {
        Signature verifier = key.algorithm().newSignature();
        verifier.initVerify(key.publicKey());
        verifier.update(input.getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getUrlDecoder().decode(signature));
    }

    private static String fixed(byte[] bigEndian) {
        byte[] out = new byte[32];
        int copy = Math.min(32, bigEndian.length);
        System.arraycopy(bigEndian, bigEndian.length - copy, out, 32 - copy, copy);
        return Forge.b64(out);
    }

    @Provide
    Arbitrary<List<SigningKey>> keySets() {
        return Arbitraries.of(POOL).set().ofMinSize(1).ofMaxSize(POOL.size()).map(List::copyOf);
    }

    @Provide
    Arbitrary<String> jwksLikeStrings() {
        String rendered = Jwks.render(POOL);
        Arbitrary<String> mutated = Combinators.combine(Arbitraries.integers().between(0, rendered.length()),
                Arbitraries.of("\"", "{", "}", "[", "]", ",", ":", "A", "_", "=", "1", "", "\\"),
                Arbitraries.integers().between(0, 2)).as((at, piece, kind) -> switch (kind) {
                    case 0 -> rendered.substring(0, at) + piece + rendered.substring(at);
                    case 1 -> at == rendered.length() ? rendered + piece
                            : rendered.substring(0, at) + piece + rendered.substring(at + 1);
                    default -> at == rendered.length() ? rendered
                            : rendered.substring(0, at) + rendered.substring(at + 1);
                });
        Arbitrary<String> members = Arbitraries.of("\"kty\":\"EC\"", "\"kty\":\"OKP\"", "\"crv\":\"P-256\"",
                "\"crv\":\"Ed25519\"", "\"x\":\"" + RFC8037_X + "\"", "\"y\":\"" + RFC7515_Y + "\"",
                "\"x\":\"" + RFC7515_X + "\"", "\"kid\":\"k\"", "\"kid\":1", "\"alg\":\"EdDSA\"", "\"use\":null",
                "\"x\":\"\"", "\"x\":null", "\"d\":\"AA\"").list().ofMaxSize(6)
                .map(m -> "{\"keys\":[{" + String.join(",", m) + "}]}");
        return Arbitraries.frequencyOf(Tuple.of(4, mutated), Tuple.of(4, members),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(100)));
    }
}
