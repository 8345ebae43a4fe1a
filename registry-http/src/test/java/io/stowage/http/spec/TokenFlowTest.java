package io.stowage.http.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.http.TestRegistry;
import io.stowage.metadata.Role;
import io.stowage.service.access.AnonymousAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static io.stowage.http.spec.AuthFixture.access;
import static io.stowage.http.spec.AuthFixture.basic;
import static io.stowage.http.spec.AuthFixture.bearer;
import static io.stowage.http.spec.AuthFixture.claims;
import static io.stowage.http.spec.AuthFixture.tokenPath;
import static io.stowage.http.spec.OciAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker token flow as a client walks it against a registry that allows nothing anonymously: the challenge on
 * {@code /v2/} and on each endpoint, the token endpoint (GET with Basic, POST with the OAuth2 password and
 * refresh_token grants), and requests with the token it hands out, or with Basic credentials directly.
 */
class TokenFlowTest {

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
        auth.user("alice", "alice-pw");
        auth.user("rita", "rita-pw");
        auth.user("root", "root-pw", true);
        auth.namespace("team-a", false);
        auth.grant("team-a", "alice", Role.DEVELOPER);
        auth.grant("team-a", "rita", Role.READER);
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    private static String realm() {
        return "Bearer realm=\"http://127.0.0.1:" + registry.port() + "/token\",service=\"" + TestRegistry.SERVICE
                + "\"";
    }

    @Test
    void theBaseEndpointChallengesWithTheTokenRealm() {
        Response response = client.get("/v2/");

        assertError(response, 401, "UNAUTHORIZED");
        assertThat(response.header("WWW-Authenticate")).isEqualTo(realm());
        assertThat(response.header("Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
    }

    @Test
    void eachEndpointChallengesWithTheScopeItNeeds() {
        Map<String, Response> responses = new LinkedHashMap<>();
        responses.put("pull", client.get("/v2/team-a/app/manifests/latest"));
        responses.put("pull ", client.get("/v2/team-a/app/tags/list"));
        responses.put("pull  ", client.get("/v2/team-a/app/blobs/" + Digests.EMPTY_SHA256));
        responses.put("pull,push", client.post("/v2/team-a/app/blobs/uploads/", null));
        responses.put("pull,push ", client.put("/v2/team-a/app/manifests/latest", AuthFixture.manifest("x", "y"),
                "Content-Type", Manifests.OCI_MANIFEST));
        responses.put("delete", client.delete("/v2/team-a/app/manifests/" + Digests.EMPTY_SHA256));
        responses.forEach((actions, response) -> {
            assertError(response, 401, "UNAUTHORIZED");
            assertThat(response.header("WWW-Authenticate")).isEqualTo(realm()
                    + ",scope=\"repository:team-a/app:" + actions.strip() + "\"");
        });
        Response head = client.head("/v2/team-a/app/manifests/latest");
        assertThat(head.status()).isEqualTo(401);
        assertThat(head.header("WWW-Authenticate")).isEqualTo(realm() + ",scope=\"repository:team-a/app:pull\"");
    }

    @Test
    void anAnonymousTokenGrantsNothingPrivate() {
        Response response = client.get(tokenPath("repository:team-a/app:pull"));

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        String token = response.json().get("token").asText();
        assertThat(claims(token).get("sub").asText()).isEmpty();
        assertThat(access(token)).isEmpty();
        assertThat(response.json().has("refresh_token")).isFalse();
        Response pull = client.get("/v2/team-a/app/tags/list", bearer(token));
        assertError(pull, 401, "UNAUTHORIZED");
        assertThat(pull.header("WWW-Authenticate")).isEqualTo(realm()
                + ",scope=\"repository:team-a/app:pull\",error=\"insufficient_scope\"");
    }

    @Test
    void getWithBasicCredentialsIssuesATokenForWhatWasAskedAndAllowed() {
        Response response = client.get(tokenPath("repository:team-a/app:pull,push"), basic("alice", "alice-pw"));

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.mediaType()).isEqualTo("application/json");
        JsonNode body = response.json();
        String token = body.get("token").asText();
        assertThat(body.get("access_token").asText()).isEqualTo(token);
        assertThat(body.get("expires_in").asLong()).isEqualTo(300);
        assertThat(Instant.parse(body.get("issued_at").asText())).isBefore(Instant.now().plusSeconds(5));
        assertThat(body.has("refresh_token")).isFalse();
        JsonNode claims = claims(token);
        assertThat(claims.get("sub").asText()).isEqualTo("alice");
        assertThat(claims.get("iss").asText()).isEqualTo(TestRegistry.SERVICE);
        assertThat(claims.get("aud").asText()).isEqualTo(TestRegistry.SERVICE);
        assertThat(access(token)).containsExactly("repository:team-a/app:pull,push");
    }

    @Test
    void getWithOfflineTokenAlsoIssuesARefreshToken() {
        Response response = client.get(tokenPath("repository:team-a/app:pull") + "&offline_token=true",
                basic("alice", "alice-pw"));

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(response.json().get("refresh_token").asText()).isNotBlank();
    }

    @Test
    void askingForMoreThanAllowedGrantsLessNotAnError() {
        String rita = auth.token("rita", "rita-pw", "repository:team-a/app:pull,push,delete",
                "repository:team-b/app:pull", "repository:team-a/web:*");

        assertThat(access(rita)).containsExactly("repository:team-a/app:pull", "repository:team-a/web:pull");
        String alice = auth.token("alice", "alice-pw", "repository:team-a/app:push repository:team-a/app:delete");
        assertThat(access(alice)).containsExactly("repository:team-a/app:push");
        String root = auth.token("root", "root-pw", "repository:anything/at/all:*", "registry:catalog:*");
        assertThat(access(root)).containsExactly("repository:anything/at/all:pull,push,delete",
                "registry:catalog:*");
    }

    @Test
    void postWithThePasswordGrantAndOfflineAccessThenTheRefreshTokenGrant() {
        Response first = postToken(Map.of("grant_type", "password", "username", "alice", "password", "alice-pw",
                "service", TestRegistry.SERVICE, "client_id", "docker", "access_type", "offline",
                "scope", "repository:team-a/app:pull,push repository:team-b/x:pull"));

        assertThat(first.status()).as(first.describe()).isEqualTo(200);
        assertThat(first.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = first.json();
        assertThat(body.get("access_token").asText()).isEqualTo(body.get("token").asText());
        assertThat(body.get("scope").asText()).isEqualTo("repository:team-a/app:pull,push");
        assertThat(access(body.get("access_token").asText())).containsExactly("repository:team-a/app:pull,push");
        String refresh = body.get("refresh_token").asText();
        assertThat(claims(refresh).get("sub").asText()).isEqualTo("alice");
        assertThat(claims(refresh).get("access")).isEmpty();

        Response refreshed = postToken(Map.of("grant_type", "refresh_token", "refresh_token", refresh,
                "service", TestRegistry.SERVICE, "client_id", "docker", "scope", "repository:team-a/app:pull"));

        assertThat(refreshed.status()).as(refreshed.describe()).isEqualTo(200);
        String token = refreshed.json().get("access_token").asText();
        assertThat(claims(token).get("sub").asText()).isEqualTo("alice");
        assertThat(access(token)).containsExactly("repository:team-a/app:pull");
        assertThat(client.get("/v2/team-a/app/tags/list", bearer(token)).status()).isIn(200, 404);
    }

    @Test
    void thePasswordGrantWithoutOfflineAccessHasNoRefreshToken() {
        Response response = postToken(Map.of("grant_type", "password", "username", "rita", "password", "rita-pw",
                "service", TestRegistry.SERVICE, "scope", "repository:team-a/app:pull"));

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(response.json().has("refresh_token")).isFalse();
    }

    @Test
    void aRefreshTokenOfADisabledUserIsRefused() {
        auth.user("leaver", "leaver-pw");
        Response first = postToken(Map.of("grant_type", "password", "username", "leaver", "password", "leaver-pw",
                "service", TestRegistry.SERVICE, "access_type", "offline"));
        String refresh = first.json().get("refresh_token").asText();
        registry.metadata().users().setDisabled("leaver", true, Instant.now());

        Response refused = postToken(Map.of("grant_type", "refresh_token", "refresh_token", refresh,
                "service", TestRegistry.SERVICE));

        assertError(refused, 401, "UNAUTHORIZED");
    }

    @Test
    void anUnknownGrantTypeIs400() {
        assertError(postToken(Map.of("grant_type", "client_credentials", "service", TestRegistry.SERVICE)), 400,
                "UNSUPPORTED");
        assertError(postToken(Map.of("service", TestRegistry.SERVICE)), 400, "UNSUPPORTED");
    }

    @Test
    void pushAndPullWithABearerToken() {
        String push = auth.token("alice", "alice-pw", "repository:team-a/flow:pull,push");
        String digest = auth.pushImage("team-a/flow", "v1", bearer(push));

        String pull = auth.token("rita", "rita-pw", "repository:team-a/flow:pull");
        Response manifest = client.get("/v2/team-a/flow/manifests/v1", RegistryClient.withHeaders(bearer(pull),
                "Accept", Manifests.OCI_MANIFEST));
        assertThat(manifest.status()).as(manifest.describe()).isEqualTo(200);
        assertThat(manifest.header("Docker-Content-Digest")).isEqualTo(digest);
        Response tags = client.get("/v2/team-a/flow/tags/list", bearer(pull));
        assertThat(tags.json().get("tags").get(0).asText()).isEqualTo("v1");

        Response refused = client.put("/v2/team-a/flow/manifests/v2", AuthFixture.manifest("team-a/flow", "v1"),
                RegistryClient.withHeaders(bearer(pull), "Content-Type", Manifests.OCI_MANIFEST));
        assertError(refused, 401, "UNAUTHORIZED");
        assertThat(refused.header("WWW-Authenticate")).isEqualTo(realm()
                + ",scope=\"repository:team-a/flow:pull,push\",error=\"insufficient_scope\"");
        assertThat(registry.metadata().manifests().tags(io.stowage.oci.RepositoryName.parse("team-a/flow"), null, 10))
                .extracting(Object::toString).containsExactly("v1");
    }

    @Test
    void basicCredentialsWorkDirectlyOnTheApi() {
        assertThat(client.get("/v2/", basic("alice", "alice-pw")).status()).isEqualTo(200);
        String digest = auth.pushImage("team-a/basic", "v1", basic("alice", "alice-pw"));
        Response pulled = client.get("/v2/team-a/basic/manifests/" + digest, basic("rita", "rita-pw"));
        assertThat(pulled.status()).as(pulled.describe()).isEqualTo(200);

        // authenticated but not allowed: 403, since other credentials would not help this caller
        Response denied = client.put("/v2/team-a/basic/manifests/v2", AuthFixture.manifest("team-a/basic", "v1"),
                RegistryClient.withHeaders(basic("rita", "rita-pw"), "Content-Type", Manifests.OCI_MANIFEST));
        assertError(denied, 403, "DENIED");
        Response wrong = client.get("/v2/", basic("alice", "not-her-password"));
        assertError(wrong, 401, "UNAUTHORIZED");
        assertThat(wrong.header("WWW-Authenticate")).isEqualTo(realm());
    }

    @Test
    void aTokenForAnotherServiceIsNotIssued() {
        assertError(client.get("/token?service=other&scope=repository:team-a/app:pull", basic("alice", "alice-pw")),
                400, "UNSUPPORTED");
        assertError(postToken(Map.of("grant_type", "password", "username", "alice", "password", "alice-pw",
                "service", "other")), 400, "UNSUPPORTED");
        // no service at all is fine: containerd omits it on some paths
        assertThat(client.get("/token", basic("alice", "alice-pw")).status()).isEqualTo(200);
    }

    @Test
    void aMalformedScopeIs400() {
        for (String scope : new String[] {"repository:team-a/app", "repository:Team-A/app:pull",
                "repository:team-a/app:fly", "registry:everything:*", "nonsense", "repository:../x:pull"}) {
            Response response = client.get(tokenPath(scope), basic("alice", "alice-pw"));
            assertError(response, 400, "UNSUPPORTED");
        }
        assertError(client.get("/token?service=" + TestRegistry.SERVICE + "&scope="), 400, "UNSUPPORTED");
    }

    @Test
    void theTokenEndpointTakesNoBearerAndNoOtherMethod() {
        String token = auth.token("alice", "alice-pw");
        assertError(client.get(tokenPath(), bearer(token)), 401, "UNAUTHORIZED");
        assertThat(client.delete("/token").status()).isEqualTo(405);
    }

    @Test
    void repeatedFailedLoginsAre401ThenTooManyRequestsWithRetryAfter() {
        auth.user("victim", "victim-pw");
        for (int i = 0; i < 5; i++) {
            Response response = client.get(tokenPath(), basic("victim", "guess-" + i));
            assertError(response, 401, "UNAUTHORIZED");
        }

        Response limited = client.get(tokenPath(), basic("victim", "victim-pw"));
        assertError(limited, 429, "TOOMANYREQUESTS");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 300L);
        Response direct = client.get("/v2/", basic("victim", "victim-pw"));
        assertError(direct, 429, "TOOMANYREQUESTS");
        assertThat(direct.header("Retry-After")).isNotBlank();
        Response posted = postToken(Map.of("grant_type", "password", "username", "victim", "password", "victim-pw",
                "service", TestRegistry.SERVICE));
        assertError(posted, 429, "TOOMANYREQUESTS");
        // others are not locked out
        assertThat(client.get("/v2/", basic("alice", "alice-pw")).status()).isEqualTo(200);
    }

    static Response postToken(Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return client.post("/token", body.getBytes(StandardCharsets.UTF_8), "Content-Type",
                "application/x-www-form-urlencoded");
    }
}
