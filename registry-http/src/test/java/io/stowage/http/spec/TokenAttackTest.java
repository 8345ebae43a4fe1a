package io.stowage.http.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.http.TestRegistry;
import io.stowage.metadata.AuditEvent;
import io.stowage.metadata.Role;
import io.stowage.metadata.SigningKeyRecord;
import io.stowage.security.token.SigningKey;
import io.stowage.service.access.AnonymousAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static io.stowage.http.spec.AuthFixture.basic;
import static io.stowage.http.spec.AuthFixture.bearer;
import static io.stowage.http.spec.OciAssertions.assertError;
import static io.stowage.http.spec.OciAssertions.firstErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the token flow and access checks, each built the way an attacker would (raw JSON, raw JCA). Every one
 * must be refused without writing anything: no tag, manifest, blob link or upload session; where the action is
 * audited, the refusal is recorded as {@code denied}.
 */
class TokenAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VICTIM = "team-a/victim";
    private static final byte[] BLOB = "attacker's blob".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path data;
    static TestRegistry registry;
    static RegistryClient client;
    static AuthFixture auth;

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistry.start(data, AnonymousAccess.NONE);
        client = new RegistryClient(registry);
        auth = new AuthFixture(registry, client);
        auth.user("root", "root-pw", true);
        auth.user("alice", "alice-pw");
        auth.user("target", "target-pw");
        auth.namespace("team-a", false);
        auth.namespace("secret", false);
        auth.grant("team-a", "alice", Role.DEVELOPER);
        auth.pushImage("secret/app", "v1", basic("root", "root-pw"));
        client.pushBlob("secret/app", BLOB, basic("root", "root-pw"));
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    // ---- forged and misused tokens ----

    static Stream<String> forgeries() {
        return Stream.of("alg-none", "alg-none-no-kid", "hs256-guessed", "hs256-public-key-der", "hs256-jwks-xy",
                "hs256-jwks-json", "expired", "not-yet-valid", "issued-in-the-future", "wrong-audience",
                "refresh-audience", "wrong-issuer", "tampered-payload", "foreign-key-same-kid", "es256-der-signature",
                "alg-eddsa-on-es256-key", "no-signature", "unknown-kid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void aForgedTokenWritesNothingAndIsAuditedAsDenied(String attack) throws Exception {
        String token = forge(attack);
        long sessions = auth.uploadSessions();
        int denied = auth.awaitAudit("manifest.push", VICTIM, 0).size();

        Response manifest = client.put("/v2/" + VICTIM + "/manifests/pwned", AuthFixture.manifest(VICTIM, "pwned"),
                RegistryClient.withHeaders(bearer(token), "Content-Type", Manifests.OCI_MANIFEST));
        Response upload = client.post("/v2/" + VICTIM + "/blobs/uploads/?digest=" + Digests.sha256(BLOB), BLOB,
                RegistryClient.withHeaders(bearer(token), "Content-Type", RegistryClient.OCTET_STREAM));
        Response session = client.post("/v2/" + VICTIM + "/blobs/uploads/", null, bearer(token));
        Response pull = client.get("/v2/secret/app/manifests/v1", bearer(token));
        Response base = client.get("/v2/", bearer(token));

        for (Response response : List.of(manifest, upload, session, pull, base)) {
            assertError(response, 401, "UNAUTHORIZED");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=");
        }
        auth.assertNothingWritten(VICTIM, Digests.sha256(BLOB));
        assertThat(auth.uploadSessions()).isEqualTo(sessions);
        List<AuditEvent> events = auth.awaitAudit("manifest.push", VICTIM, denied + 1);
        assertThat(events).hasSize(denied + 1);
        assertThat(events.getLast().result()).isEqualTo("denied");
        assertThat(events.getLast().reference()).isEqualTo("pwned");
    }

    @Test
    void theGenuineTokenTheForgeriesStartFromWorks() throws Exception {
        // the control: same claims, correctly signed, is accepted (so the refusals above are about the forgery)
        String token = signWithRegistryKey(header("ES256", registryKid()), claims(Map.of()));
        Response response = client.get("/v2/" + VICTIM + "/tags/list", bearer(token));
        assertThat(response.status()).as(response.describe()).isIn(200, 404);
        assertThat(response.status()).isNotEqualTo(401);
    }

    @Test
    void aPullOnlyTokenCannotPushManifestsOrStartUploads() {
        String pull = auth.token("alice", "alice-pw", "repository:" + VICTIM + ":pull");
        assertThat(AuthFixture.access(pull)).containsExactly("repository:" + VICTIM + ":pull");
        assertRefusedEverywhere(pull, "alice");
    }

    @Test
    void aTokenForOneRepositoryDoesNothingOnAnother() {
        String other = auth.token("alice", "alice-pw", "repository:team-a/other:pull,push");
        assertThat(AuthFixture.access(other)).containsExactly("repository:team-a/other:pull,push");
        assertRefusedEverywhere(other, "alice");
        assertError(client.get("/v2/secret/app/manifests/v1", bearer(other)), 401, "UNAUTHORIZED");
    }

    @Test
    void aRefreshTokenIsNoBearerToken() {
        Response issued = auth.postToken(Map.of("grant_type", "password", "username", "alice", "password",
                "alice-pw", "access_type", "offline", "scope", "repository:" + VICTIM + ":pull,push"));
        String refresh = issued.json().get("refresh_token").asText();
        assertRefusedEverywhere(refresh, null);
        // and an access token is no refresh token
        Response swapped = auth.postToken(Map.of("grant_type", "refresh_token", "refresh_token",
                issued.json().get("access_token").asText()));
        assertError(swapped, 401, "UNAUTHORIZED");
    }

    @Test
    void aMountFromAnUnreadableRepositoryLinksNothing() {
        long sessions = auth.uploadSessions();
        String token = auth.token("alice", "alice-pw", "repository:" + VICTIM + ":pull,push",
                "repository:secret/app:pull");
        Response response = client.post("/v2/" + VICTIM + "/blobs/uploads/?mount=" + Digests.sha256(BLOB)
                + "&from=secret/app", null, bearer(token));

        assertThat(response.status()).as(response.describe()).isEqualTo(202);
        assertThat(client.delete(response.header("Location"), bearer(token)).status()).isEqualTo(204);
        auth.assertNothingWritten(VICTIM, Digests.sha256(BLOB));
        assertThat(auth.uploadSessions()).isEqualTo(sessions);
    }

    @Test
    void theCatalogLeaksNoPrivateNames() {
        String token = auth.token("alice", "alice-pw", "registry:catalog:*");
        for (Response response : List.of(client.get("/v2/_catalog", bearer(token)),
                client.get("/v2/_catalog", basic("alice", "alice-pw")),
                client.get("/v2/_catalog?last=secret", basic("alice", "alice-pw")),
                client.get("/v2/_catalog?n=1&last=a", basic("alice", "alice-pw")))) {
            assertThat(response.status()).as(response.describe()).isEqualTo(200);
            assertThat(response.text()).doesNotContain("secret");
            assertThat(String.valueOf(response.header("Link"))).doesNotContain("secret");
        }
    }

    // ---- hostile names on authenticated requests ----

    static Stream<String> hostileTargets() {
        String longName = "team-a/" + "a".repeat(300);
        return Stream.of(
                "/v2/team-a/../secret/app/manifests/v1",
                "/v2/team-a/%2e%2e/secret/app/manifests/v1",
                "/v2/team-a%2F..%2Fsecret%2Fapp/manifests/v1",
                "/v2/team-a%2fvictim/manifests/v1",
                "/v2/team-a/victim%2F..%2F..%2Fsecret%2Fapp/tags/list",
                "/v2/team-a/./victim/manifests/v1",
                "/v2/" + longName + "/manifests/v1",
                "/v2/" + longName + "/blobs/uploads/",
                "/v2/" + longName + "/tags/list",
                "/v2/team-a/" + "b/".repeat(130) + "c/manifests/v1",
                "/v2/team-a/victim/blobs/uploads/?mount=" + Digests.sha256(BLOB) + "&from=team-a/../secret/app",
                "/v2/team-a/victim/blobs/uploads/?mount=" + Digests.sha256(BLOB) + "&from=" + "a".repeat(300),
                "/v2/team-a/victim/blobs/uploads/?mount=" + Digests.sha256(BLOB) + "&from=secret%2Fapp%2F..");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTargets")
    void hostileNamesAreSpecErrorsAndReachNoOtherRepository(String target) {
        String token = auth.token("alice", "alice-pw", "repository:" + VICTIM + ":pull,push");
        long sessions = auth.uploadSessions();
        for (String method : List.of("GET", "PUT", "POST", "DELETE", "PATCH")) {
            for (String authorization : List.of("Authorization: Bearer " + token,
                    "Authorization: " + basic("alice", "alice-pw")[1])) {
                Response response = RawHttp.send(registry.port(), method, target, authorization);
                assertThat(response.status()).as(method + " " + target + " -> " + response.describe())
                        .isBetween(400, 499);
                firstErrorCode(response);
                // the error may name what was asked for; it never carries what another repository holds
                assertThat(response.text()).doesNotContain("schemaVersion", "layer of");
            }
        }
        auth.assertNothingWritten(VICTIM, Digests.sha256(BLOB));
        assertThat(auth.uploadSessions()).isEqualTo(sessions);
    }

    // ---- credentials ----

    @Test
    void passwordGuessingHitsTheLimiter() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(client.get("/v2/", basic("target", "guess" + i)).status());
        }
        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 7)).containsOnly(429);
        Response locked = client.get("/v2/", basic("target", "target-pw"));
        assertError(locked, 429, "TOOMANYREQUESTS");
        assertThat(locked.header("Retry-After")).matches("[1-9][0-9]*");
    }

    @Test
    void garbageBasicCredentialsAre401() {
        for (String header : List.of("Basic !!!not-base64!!!", "Basic " + "%".repeat(40), "Basic dXNlcg",
                "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xc3, 0x28, ':', 'x'}),
                "Basic " + Base64.getEncoder().encodeToString(":nouser".getBytes(StandardCharsets.UTF_8)),
                "Basic " + Base64.getEncoder().encodeToString(("x".repeat(5000) + ":pw")
                        .getBytes(StandardCharsets.UTF_8)),
                "Basic " + Base64.getEncoder().encodeToString(("robot$" + "y".repeat(300) + ":pw")
                        .getBytes(StandardCharsets.UTF_8)),
                "Negotiate abc", "Bearer", "Bearer a\"b")) {
            Response response = client.get("/v2/", "Authorization", header);
            assertError(response, 401, "UNAUTHORIZED");
            Response token = client.get(AuthFixture.tokenPath(), "Authorization", header);
            assertError(token, 401, "UNAUTHORIZED");
        }
    }

    @Test
    void aTwentyKibibyteBearerIs401() {
        String huge = "a".repeat(20 * 1024);
        assertError(client.get("/v2/", bearer(huge)), 401, "UNAUTHORIZED");
        assertError(client.get("/v2/" + VICTIM + "/tags/list", bearer(huge)), 401, "UNAUTHORIZED");
        String jwtShaped = "a".repeat(7 * 1024) + "." + "b".repeat(7 * 1024) + "." + "c".repeat(6 * 1024);
        assertError(client.put("/v2/" + VICTIM + "/manifests/big", AuthFixture.manifest(VICTIM, "big"),
                RegistryClient.withHeaders(bearer(jwtShaped), "Content-Type", Manifests.OCI_MANIFEST)), 401,
                "UNAUTHORIZED");
        auth.assertNothingWritten(VICTIM);
    }

    private static void assertRefusedEverywhere(String token, String identity) {
        long sessions = auth.uploadSessions();
        int events = auth.awaitAudit("manifest.push", VICTIM, 0).size();

        Response manifest = client.put("/v2/" + VICTIM + "/manifests/pwned", AuthFixture.manifest(VICTIM, "pwned"),
                RegistryClient.withHeaders(bearer(token), "Content-Type", Manifests.OCI_MANIFEST));
        Response upload = client.post("/v2/" + VICTIM + "/blobs/uploads/", null, bearer(token));
        Response monolithic = client.post("/v2/" + VICTIM + "/blobs/uploads/?digest=" + Digests.sha256(BLOB), BLOB,
                RegistryClient.withHeaders(bearer(token), "Content-Type", RegistryClient.OCTET_STREAM));
        Response mount = client.post("/v2/" + VICTIM + "/blobs/uploads/?mount=" + Digests.sha256(BLOB)
                + "&from=secret/app", null, bearer(token));

        for (Response response : List.of(manifest, upload, monolithic, mount)) {
            assertError(response, 401, "UNAUTHORIZED");
        }
        auth.assertNothingWritten(VICTIM, Digests.sha256(BLOB));
        assertThat(auth.uploadSessions()).isEqualTo(sessions);
        List<AuditEvent> after = auth.awaitAudit("manifest.push", VICTIM, events + 1);
        assertThat(after).hasSize(events + 1);
        assertThat(after.getLast().result()).isEqualTo("denied");
        assertThat(after.getLast().identity()).isEqualTo(identity);
    }

    // ---- forging ----

    private static String forge(String attack) throws Exception {
        String kid = registryKid();
        ObjectNode push = claims(Map.of());
        return switch (attack) {
            case "alg-none" -> b64(header("none", kid)) + "." + b64(push) + ".";
            case "alg-none-no-kid" -> b64(JSON.createObjectNode().put("alg", "none")) + "." + b64(push) + ".";
            case "hs256-guessed" -> hmac(header("HS256", kid), push, "secret".getBytes(StandardCharsets.UTF_8));
            case "hs256-public-key-der" -> hmac(header("HS256", kid), push, publicKeyFromJwks().getEncoded());
            case "hs256-jwks-xy" -> {
                JsonNode jwk = jwk();
                byte[] x = Base64.getUrlDecoder().decode(jwk.get("x").asText());
                byte[] y = Base64.getUrlDecoder().decode(jwk.get("y").asText());
                byte[] xy = new byte[x.length + y.length];
                System.arraycopy(x, 0, xy, 0, x.length);
                System.arraycopy(y, 0, xy, x.length, y.length);
                yield hmac(header("HS256", kid), push, xy);
            }
            case "hs256-jwks-json" -> hmac(header("HS256", kid), push,
                    client.get("/.well-known/jwks.json").body());
            case "expired" -> signWithRegistryKey(header("ES256", kid), claims(Map.of(
                    "iat", now() - 7200, "nbf", now() - 7200, "exp", now() - 3600)));
            case "not-yet-valid" -> signWithRegistryKey(header("ES256", kid), claims(Map.of(
                    "nbf", now() + 600, "exp", now() + 1200)));
            case "issued-in-the-future" -> signWithRegistryKey(header("ES256", kid), claims(Map.of(
                    "iat", now() + 600, "exp", now() + 1200)));
            case "wrong-audience" -> signWithRegistryKey(header("ES256", kid), claims(Map.of("aud", "other")));
            case "refresh-audience" -> signWithRegistryKey(header("ES256", kid),
                    claims(Map.of("aud", TestRegistry.SERVICE + "/refresh")));
            case "wrong-issuer" -> signWithRegistryKey(header("ES256", kid), claims(Map.of("iss", "evil")));
            case "tampered-payload" -> {
                String genuine = auth.token("alice", "alice-pw", "repository:" + VICTIM + ":pull");
                String[] parts = genuine.split("\\.");
                ObjectNode payload = (ObjectNode) AuthFixture.claims(genuine);
                payload.putArray("access").addObject().put("type", "repository").put("name", VICTIM)
                        .putArray("actions").add("pull").add("push");
                yield parts[0] + "." + b64(payload) + "." + parts[2];
            }
            case "foreign-key-same-kid" -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                yield sign(header("ES256", kid), push, "SHA256withECDSAinP1363Format",
                        generator.generateKeyPair().getPrivate());
            }
            case "es256-der-signature" -> sign(header("ES256", kid), push, "SHA256withECDSA", registryKey());
            case "alg-eddsa-on-es256-key" -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
                yield sign(header("EdDSA", kid), push, "Ed25519", generator.generateKeyPair().getPrivate());
            }
            case "no-signature" -> {
                String genuine = signWithRegistryKey(header("ES256", kid), push);
                yield genuine.substring(0, genuine.lastIndexOf('.') + 1);
            }
            case "unknown-kid" -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                yield sign(header("ES256", "A".repeat(43)), push, "SHA256withECDSAinP1363Format",
                        generator.generateKeyPair().getPrivate());
            }
            default -> throw new IllegalArgumentException(attack);
        };
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    /** Valid claims for alice with push on the victim repository and full access elsewhere, then {@code overrides}. */
    private static ObjectNode claims(Map<String, Object> overrides) {
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", TestRegistry.SERVICE).put("sub", "alice").put("aud", TestRegistry.SERVICE)
                .put("exp", now() + 300).put("nbf", now()).put("iat", now()).put("jti", "forged-" + System.nanoTime());
        var access = claims.putArray("access");
        access.addObject().put("type", "repository").put("name", VICTIM).putArray("actions").add("pull").add("push");
        access.addObject().put("type", "repository").put("name", "secret/app").putArray("actions").add("*");
        access.addObject().put("type", "registry").put("name", "catalog").putArray("actions").add("*");
        overrides.forEach((name, value) -> {
            if (value instanceof Long l) {
                claims.put(name, l);
            } else {
                claims.put(name, value.toString());
            }
        });
        return claims;
    }

    private static ObjectNode header(String alg, String kid) {
        return JSON.createObjectNode().put("alg", alg).put("typ", "JWT").put("kid", kid);
    }

    private static SigningKeyRecord registryKeyRecord() {
        return registry.metadata().signingKeys().list().stream().filter(r -> r.retiredAt() == null)
                .reduce((a, b) -> b).orElseThrow();
    }

    private static String registryKid() {
        return registryKeyRecord().kid();
    }

    private static PrivateKey registryKey() {
        SigningKeyRecord record = registryKeyRecord();
        return SigningKey.fromPem(record.privateKeyPem(), record.createdAt()).keyPair().getPrivate();
    }

    private static String signWithRegistryKey(ObjectNode header, ObjectNode claims) {
        return sign(header, claims, "SHA256withECDSAinP1363Format", registryKey());
    }

    private static JsonNode jwk() throws Exception {
        JsonNode keys = JSON.readTree(client.get("/.well-known/jwks.json").body()).get("keys");
        for (JsonNode key : keys) {
            if (key.get("kid").asText().equals(registryKid())) {
                return key;
            }
        }
        throw new AssertionError("the registry's key is not in its JWKS");
    }

    private static java.security.PublicKey publicKeyFromJwks() throws Exception {
        JsonNode jwk = jwk();
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("x").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("y").asText())));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point,
                parameters.getParameterSpec(ECParameterSpec.class)));
    }

    private static String b64(JsonNode json) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String sign(ObjectNode header, ObjectNode claims, String jca, PrivateKey key) {
        String input = b64(header) + "." + b64(claims);
        try {
            Signature signature = Signature.getInstance(jca);
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String hmac(ObjectNode header, ObjectNode claims, byte[] secret) {
        String input = b64(header) + "." + b64(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
