package io.stowage.http.admin;

import io.stowage.http.TestRegistry;
import io.stowage.service.access.AnonymousAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the table, whoever may call it: anonymous callers get 401 (also when anonymous callers may push,
 * as on a developer's loopback), users who are no administrator 403, and a malformed body is a 400 for everyone who
 * gets that far. Only the API description is open.
 */
class AdminAccessTest extends AdminTestBase {

    /** A valid body for each endpoint that takes one, so that only the caller decides the answer. */
    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("createUser", "{\"username\":\"zed\",\"password\":\"zed-password-123\"}"),
            Map.entry("importHtpasswd", "{\"content\":\"\"}"),
            Map.entry("updateUser", "{\"disabled\":true}"),
            Map.entry("setPassword", "{\"password\":\"zed-password-456\"}"),
            Map.entry("createRobot", "{\"name\":\"zed\"}"),
            Map.entry("createNamespace", "{\"name\":\"zed\"}"),
            Map.entry("updateNamespace", "{\"public\":true}"),
            Map.entry("putGrant", "{\"role\":\"reader\"}"),
            Map.entry("addRule", "{\"repositories\":\"team-z/*\",\"kind\":\"user\",\"principal\":\"zed\","
                    + "\"role\":\"reader\"}"),
            Map.entry("addImmutabilityRule", "{\"tagRegex\":\"v.*\"}"),
            Map.entry("setQuota", "{\"bytes\":1000}"),
            Map.entry("addRetentionPolicy", "{\"keepLastTags\":1}"),
            Map.entry("updateRetentionPolicy", "{\"keepLastTags\":2}"));

    private static final Map<String, String> PARAMETERS = Map.ofEntries(Map.entry("{username}", "somebody"),
            Map.entry("{group}", "devs"), Map.entry("{name}", "somerobot"), Map.entry("{namespace...}", "team-z/app"),
            Map.entry("{repository...}", "team-z/app"), Map.entry("{kind}", "user"),
            Map.entry("{principal}", "somebody"), Map.entry("{id}", "1"), Map.entry("{kid}", "some-kid"),
            Map.entry("{reference}", "latest"));

    @TempDir
    static Path pushModeData;
    static TestRegistry pushMode;

    @BeforeAll
    static void startPushModeRegistry() throws Exception {
        pushMode = TestRegistry.start(pushModeData, AnonymousAccess.PUSH);
    }

    @AfterAll
    static void stopPushModeRegistry() throws Exception {
        pushMode.close();
    }

    static Stream<Endpoint> endpoints() {
        return AdminHandler.ENDPOINTS.stream();
    }

    static Stream<Endpoint> closedEndpoints() {
        return endpoints().filter(e -> !e.open());
    }

    static Stream<Endpoint> endpointsWithBodies() {
        return closedEndpoints().filter(e -> BODIES.containsKey(e.operationId()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closedEndpoints")
    void anonymousCallersAreUnauthorizedInEveryMode(Endpoint endpoint) {
        for (TestRegistry target : new TestRegistry[] {registry, pushMode}) {
            Http.Reply reply = Http.anonymous(target).send(endpoint.method(), path(endpoint), body(endpoint));
            assertError(reply, 401, "UNAUTHORIZED");
            assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer realm=");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closedEndpoints")
    void usersWhoAreNoAdministratorAreDenied(Endpoint endpoint) {
        Http.Reply reply = plainUser().send(endpoint.method(), path(endpoint), body(endpoint));
        assertError(reply, 403, "DENIED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointsWithBodies")
    void malformedBodiesAreRefused(Endpoint endpoint) {
        assertError(admin.send(endpoint.method(), path(endpoint), "{\"unclosed\":"), 400, "UNSUPPORTED");
        assertError(admin.send(endpoint.method(), path(endpoint), "{\"unknown\":1}"), 400, "UNSUPPORTED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void everyEndpointHasAnOperationIdAndAKnownMethod(Endpoint endpoint) {
        assertThat(endpoint.method()).isIn("GET", "POST", "PUT", "PATCH", "DELETE");
        assertThat(endpoint.operationId()).matches("[a-z][A-Za-z]+");
    }

    @org.junit.jupiter.api.Test
    void theDescriptionIsOpenToAnyone() {
        for (TestRegistry target : new TestRegistry[] {registry, pushMode}) {
            Http.Reply reply = Http.anonymous(target).get("/api/v1/openapi.json");
            assertStatus(reply, 200);
            assertThat(reply.json().get("openapi").asText()).isEqualTo("3.1.0");
        }
    }

    private static Http plainUser;

    private static synchronized Http plainUser() {
        if (plainUser == null) {
            plainUser = user("plain", false);
        }
        return plainUser;
    }

    static String path(Endpoint endpoint) {
        String path = endpoint.path().text();
        for (Map.Entry<String, String> parameter : PARAMETERS.entrySet()) {
            path = path.replace(parameter.getKey(), parameter.getValue());
        }
        return "/api/v1" + path;
    }

    private static String body(Endpoint endpoint) {
        String body = BODIES.get(endpoint.operationId());
        if (body != null) {
            return body;
        }
        return endpoint.method().equals("POST") ? "{}" : null;
    }
}
