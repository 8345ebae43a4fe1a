package io.stowage.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.metadata.AuditEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/robots}: the secret is shown once, works within the robot's scopes only, and stops when revoked. */
class AdminRobotsTest extends AdminTestBase {

    @Test
    void aRobotsSecretIsShownOnceAndWorksWithinItsScopesOnly() throws Exception {
        long before = lastEventId();
        Http.Reply created = admin.post("/api/v1/robots",
                "{\"name\":\"ci\",\"scopes\":[\"repository:team-a/**:pull,push\"]}");
        assertStatus(created, 201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        JsonNode robot = created.json();
        String secret = robot.get("secret").asText();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        assertThat(robot.get("subject").asText()).isEqualTo("robot$ci");
        assertThat(robot.get("scopes").toString()).isEqualTo("[\"repository:team-a/**:pull,push\"]");
        assertThat(robot.get("status").asText()).isEqualTo("active");
        assertThat(robot.get("createdBy").asText()).isEqualTo("admin");
        assertThat(robot.get("expiresAt").isNull()).isTrue();

        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("robot.create");
        assertThat(event.reference()).isEqualTo("robot$ci");
        assertThat(event.result()).isEqualTo("success");
        assertThat(event.detail()).contains("repository:team-a/**:pull,push").doesNotContain(secret);

        // Never again: neither the secret nor its hash.
        for (String path : new String[] {"/api/v1/robots", "/api/v1/robots/ci"}) {
            String text = admin.get(path).text();
            assertThat(text).contains("robot$ci").doesNotContain(secret).doesNotContain("$argon2")
                    .doesNotContain("secret");
        }
        assertThat(admin.get("/api/v1/audit?format=jsonl").text()).doesNotContain(secret);

        // The secret gets a token for what the scopes allow, and nothing else.
        Http robotBasic = as("robot$ci", secret);
        Http.Reply token = robotBasic.get("/token?service=stowage-test&scope=repository:team-a/app:pull,push"
                + "&scope=repository:team-b/app:pull");
        assertStatus(token, 200);
        String jwt = token.json().get("token").asText();
        String claims = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(claims).contains("team-a/app").doesNotContain("team-b/app").contains("robot$ci");

        // Push and pull within the scope, with Basic and with the token; nothing outside it.
        byte[] blob = "robot blob".getBytes(StandardCharsets.UTF_8);
        String digest = sha256(blob);
        assertStatus(robotBasic.send("POST", "/v2/team-a/app/blobs/uploads/?digest=" + digest, blob,
                "Content-Type", "application/octet-stream"), 201);
        assertStatus(Http.bearer(registry, jwt).get("/v2/team-a/app/blobs/" + digest), 200);
        assertStatus(robotBasic.get("/v2/team-a/app/blobs/" + digest), 200);
        assertError(robotBasic.send("POST", "/v2/team-b/app/blobs/uploads/?digest=" + digest, blob,
                "Content-Type", "application/octet-stream"), 403, "DENIED");
        assertError(robotBasic.get("/v2/team-b/app/tags/list"), 403, "DENIED");
        // A robot is no administrator.
        assertError(robotBasic.get("/api/v1/robots"), 403, "DENIED");
    }

    @Test
    void aRevokedRobotIsRefusedEverywhere() {
        String secret = admin.post("/api/v1/robots", "{\"name\":\"deploy\",\"scopes\":[\"repository:apps/*:pull\"]}")
                .json().get("secret").asText();
        Http robot = as("robot$deploy", secret);
        assertStatus(robot.get("/v2/apps/web/tags/list"), 404);

        long before = lastEventId();
        Http.Reply revoked = admin.post("/api/v1/robots/deploy/revoke", null);
        assertStatus(revoked, 200);
        assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
        assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("robot.revoke");
        assertThat(event.reference()).isEqualTo("robot$deploy");

        assertError(robot.get("/v2/apps/web/tags/list"), 401, "UNAUTHORIZED");
        assertError(robot.get("/token?service=stowage-test&scope=repository:apps/web:pull"), 401, "UNAUTHORIZED");
        assertError(admin.post("/api/v1/robots/deploy/revoke", null), 409, "UNSUPPORTED");
        assertError(admin.post("/api/v1/robots/nobody/revoke", null), 404, "NAME_UNKNOWN");
    }

    @Test
    void anExpiredRobotCannotLogInAndTheExpiryIsValidated() {
        Http.Reply shortLived = admin.post("/api/v1/robots",
                "{\"name\":\"nightly\",\"scopes\":[],\"expiresIn\":\"30d\"}");
        assertStatus(shortLived, 201);
        Instant expires = Instant.parse(shortLived.json().get("expiresAt").asText());
        Instant created = Instant.parse(shortLived.json().get("createdAt").asText());
        assertThat(Duration.between(created, expires)).isEqualTo(Duration.ofDays(30));

        assertError(admin.post("/api/v1/robots", "{\"name\":\"past\",\"expiresAt\":\"2000-01-01T00:00:00Z\"}"),
                400, "UNSUPPORTED");
        assertError(admin.post("/api/v1/robots", "{\"name\":\"both\",\"expiresAt\":\"2999-01-01T00:00:00Z\","
                + "\"expiresIn\":\"1d\"}"), 400, "UNSUPPORTED");
        assertError(admin.post("/api/v1/robots", "{\"name\":\"far\",\"expiresAt\":\"+99999-01-01T00:00:00Z\"}"),
                400, "UNSUPPORTED");
        assertError(admin.post("/api/v1/robots", "{\"name\":\"soon\",\"expiresIn\":\"tomorrow\"}"), 400,
                "UNSUPPORTED");
        assertError(admin.post("/api/v1/robots", "{\"name\":\"never\",\"expiresIn\":\"999999999d\"}"), 400,
                "UNSUPPORTED");

        // Expired: written directly, since waiting for an expiry has no place in a test.
        var record = registry.metadata().robots().find("nightly").orElseThrow();
        registry.metadata().robots().delete("nightly");
        registry.metadata().robots().create(new io.stowage.metadata.RobotRecord(record.name(), record.secretHash(),
                record.scopes(), Instant.now().minusSeconds(1), null, record.createdBy(), record.createdAt()));
        assertThat(admin.get("/api/v1/robots/nightly").json().get("status").asText()).isEqualTo("expired");
    }

    @Test
    void invalidRobotsAreRefused() {
        assertError(admin.post("/api/v1/robots", "{\"name\":\"Bad Name\"}"), 400, "UNSUPPORTED");
        assertError(admin.post("/api/v1/robots", "{\"name\":\"x\",\"scopes\":[\"team-a:pull\"]}"), 400,
                "UNSUPPORTED");
        assertError(admin.post("/api/v1/robots", "{\"name\":\"x\",\"scopes\":[\"repository:team-a/*:fly\"]}"), 400,
                "UNSUPPORTED");
        assertError(admin.post("/api/v1/robots", "{\"name\":\"x\",\"scopes\":\"repository:a:pull\"}"), 400,
                "UNSUPPORTED");
        assertError(admin.post("/api/v1/robots", "{\"name\":\"x\",\"scopes\":[null]}"), 400, "UNSUPPORTED");
        assertError(admin.get("/api/v1/robots/x"), 404, "NAME_UNKNOWN");
        assertStatus(admin.post("/api/v1/robots", "{\"name\":\"twice\"}"), 201);
        assertError(admin.post("/api/v1/robots", "{\"name\":\"twice\"}"), 409, "UNSUPPORTED");
    }

    @Test
    void aDeletedRobotIsGone() {
        String secret = admin.post("/api/v1/robots", "{\"name\":\"gone\",\"scopes\":[\"repository:x/*:pull\"]}")
                .json().get("secret").asText();
        long before = lastEventId();
        assertStatus(admin.delete("/api/v1/robots/gone"), 204);
        assertThat(onlyEventAfter(before).action()).isEqualTo("robot.delete");
        assertError(admin.get("/api/v1/robots/gone"), 404, "NAME_UNKNOWN");
        assertError(admin.delete("/api/v1/robots/gone"), 404, "NAME_UNKNOWN");
        assertError(as("robot$gone", secret).get("/v2/x/y/tags/list"), 401, "UNAUTHORIZED");
    }

    static String sha256(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
