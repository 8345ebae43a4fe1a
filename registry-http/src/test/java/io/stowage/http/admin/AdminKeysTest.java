package io.stowage.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.metadata.AuditEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/keys}: after a rotation old tokens still verify; after the old key's retirement they don't. */
class AdminKeysTest extends AdminTestBase {

    @Test
    void rotatingKeepsOldTokensValidAndRetiringTheOldKeyRefusesThem() {
        Http walt = user("walt", false);
        String oldToken = walt.get("/token?service=stowage-test").json().get("token").asText();
        Http oldBearer = Http.bearer(registry, oldToken);
        assertStatus(oldBearer.get("/v2/"), 200);

        JsonNode keys = admin.get("/api/v1/keys").json().get("keys");
        assertThat(keys).hasSize(1);
        String oldKid = keys.get(0).get("kid").asText();
        assertThat(keys.get(0).get("current").asBoolean()).isTrue();
        assertThat(keys.toString()).doesNotContain("PRIVATE").doesNotContain("pem");

        long before = lastEventId();
        Http.Reply rotated = admin.post("/api/v1/keys/rotate", null);
        assertStatus(rotated, 201);
        String newKid = rotated.json().get("kid").asText();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(rotated.json().get("current").asBoolean()).isTrue();
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("key.rotate");
        assertThat(event.detail()).contains(newKid);

        assertStatus(oldBearer.get("/v2/"), 200);
        String newToken = walt.get("/token?service=stowage-test").json().get("token").asText();
        assertThat(header(newToken)).contains(newKid);
        List<String> current = new ArrayList<>();
        admin.get("/api/v1/keys").json().get("keys").forEach(k -> {
            if (k.get("current").asBoolean()) {
                current.add(k.get("kid").asText());
            }
        });
        assertThat(current).containsExactly(newKid);

        assertError(admin.post("/api/v1/keys/" + newKid + "/retire", null), 409, "UNSUPPORTED");
        before = lastEventId();
        Http.Reply retired = admin.post("/api/v1/keys/" + oldKid + "/retire", null);
        assertStatus(retired, 200);
        assertThat(retired.json().get("retiredAt").isNull()).isFalse();
        event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("key.retire");
        assertThat(event.reference()).isEqualTo(oldKid);

        assertError(oldBearer.get("/v2/"), 401, "UNAUTHORIZED");
        assertStatus(Http.bearer(registry, newToken).get("/v2/"), 200);
        assertError(admin.post("/api/v1/keys/" + oldKid + "/retire", null), 409, "UNSUPPORTED");
        assertError(admin.post("/api/v1/keys/no-such-kid/retire", null), 404, "NAME_UNKNOWN");
    }

    private static String header(String jwt) {
        return new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    }
}
