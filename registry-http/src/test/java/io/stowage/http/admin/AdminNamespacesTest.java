package io.stowage.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.metadata.AuditEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/namespaces} with grants and rules: administrators manage everything, a namespace's own admins its
 * grants and rules only, and what they change decides pushes and pulls at once.
 */
class AdminNamespacesTest extends AdminTestBase {

    @Test
    void namespacesAreCreatedListedShownMadePublicAndDeleted() {
        long before = lastEventId();
        Http.Reply created = admin.post("/api/v1/namespaces", "{\"name\":\"org/team-x\"}");
        assertStatus(created, 201);
        assertThat(created.json().get("name").asText()).isEqualTo("org/team-x");
        assertThat(created.json().get("public").asBoolean()).isFalse();
        assertThat(created.header("Location")).isEqualTo("/api/v1/namespaces/org/team-x");
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("namespace.create");
        assertThat(event.repository()).isEqualTo("org/team-x");
        assertThat(event.result()).isEqualTo("success");

        assertError(admin.post("/api/v1/namespaces", "{\"name\":\"org/team-x\"}"), 409, "UNSUPPORTED");
        assertError(admin.post("/api/v1/namespaces", "{\"name\":\"Org/Team\"}"), 400, "NAME_INVALID");
        assertError(admin.post("/api/v1/namespaces", "{\"name\":\"team/\"}"), 400, "NAME_INVALID");
        assertError(admin.post("/api/v1/namespaces", "{\"name\":\"x\",\"public\":\"yes\"}"), 400, "UNSUPPORTED");

        assertThat(admin.get("/api/v1/namespaces/org/team-x").json().get("name").asText()).isEqualTo("org/team-x");
        assertThat(admin.get("/api/v1/namespaces").json().get("namespaces").toString()).contains("org/team-x");
        assertError(admin.get("/api/v1/namespaces/org/nothing"), 404, "NAME_UNKNOWN");

        before = lastEventId();
        Http.Reply madePublic = admin.patch("/api/v1/namespaces/org/team-x", "{\"public\":true}");
        assertStatus(madePublic, 200);
        assertThat(madePublic.json().get("public").asBoolean()).isTrue();
        event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("namespace.update");
        assertThat(event.detail()).isEqualTo("public");
        assertError(admin.patch("/api/v1/namespaces/org/team-x", "{}"), 400, "UNSUPPORTED");

        before = lastEventId();
        assertStatus(admin.delete("/api/v1/namespaces/org/team-x"), 204);
        assertThat(onlyEventAfter(before).action()).isEqualTo("namespace.delete");
        assertError(admin.delete("/api/v1/namespaces/org/team-x"), 404, "NAME_UNKNOWN");
    }

    @Test
    void aPublicNamespaceMayBePulledAnonymouslyAndAPrivateOneMayNot() {
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"open\",\"public\":true}"), 201);
        assertError(anonymous.get("/v2/open/app/tags/list"), 404, "NAME_UNKNOWN");
        assertStatus(admin.patch("/api/v1/namespaces/open", "{\"public\":false}"), 200);
        assertError(anonymous.get("/v2/open/app/tags/list"), 401, "UNAUTHORIZED");
    }

    @Test
    void grantsDecideWhoMayPushAndAreAuditedWithNamespaceAndPrincipal() throws Exception {
        Http rita = user("rita", false);
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"team-r\"}"), 201);
        byte[] blob = "granted".getBytes(StandardCharsets.UTF_8);
        String digest = AdminRobotsTest.sha256(blob);
        String upload = "/v2/team-r/app/blobs/uploads/?digest=" + digest;
        assertError(rita.send("POST", upload, blob, "Content-Type", "application/octet-stream"), 403, "DENIED");

        long before = lastEventId();
        Http.Reply granted = admin.put("/api/v1/namespaces/team-r/-/grants/user/rita", "{\"role\":\"developer\"}");
        assertStatus(granted, 200);
        assertThat(granted.json().toString()).isEqualTo(
                "{\"namespace\":\"team-r\",\"kind\":\"user\",\"principal\":\"rita\",\"role\":\"developer\"}");
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("grant.add");
        assertThat(event.repository()).isEqualTo("team-r");
        assertThat(event.reference()).isEqualTo("user:rita");
        assertThat(event.detail()).isEqualTo("role developer");
        assertStatus(rita.send("POST", upload, blob, "Content-Type", "application/octet-stream"), 201);

        JsonNode grants = admin.get("/api/v1/namespaces/team-r/-/grants").json();
        assertThat(grants.get("grants")).hasSize(1);

        assertError(admin.put("/api/v1/namespaces/team-r/-/grants/user/nobody", "{\"role\":\"reader\"}"), 404,
                "NAME_UNKNOWN");
        assertError(admin.put("/api/v1/namespaces/team-r/-/grants/wizard/rita", "{\"role\":\"reader\"}"), 400,
                "UNSUPPORTED");
        assertError(admin.put("/api/v1/namespaces/team-r/-/grants/user/rita", "{\"role\":\"owner\"}"), 400,
                "UNSUPPORTED");
        assertError(admin.put("/api/v1/namespaces/nowhere/-/grants/user/rita", "{\"role\":\"reader\"}"), 404,
                "NAME_UNKNOWN");
        // Groups need no existing: a grant to one is always accepted.
        assertStatus(admin.put("/api/v1/namespaces/team-r/-/grants/group/anyone", "{\"role\":\"reader\"}"), 200);

        before = lastEventId();
        assertStatus(admin.delete("/api/v1/namespaces/team-r/-/grants/user/rita"), 204);
        assertThat(onlyEventAfter(before).action()).isEqualTo("grant.remove");
        assertError(admin.delete("/api/v1/namespaces/team-r/-/grants/user/rita"), 404, "NAME_UNKNOWN");
        assertError(rita.send("POST", upload, blob, "Content-Type", "application/octet-stream"), 403, "DENIED");
    }

    @Test
    void rulesAreAddedListedAndRemovedAndADenyingRuleWins() throws Exception {
        Http sam = user("sam", false);
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"team-s\"}"), 201);
        assertStatus(admin.put("/api/v1/namespaces/team-s/-/grants/user/sam", "{\"role\":\"maintainer\"}"), 200);

        long before = lastEventId();
        Http.Reply added = admin.post("/api/v1/namespaces/team-s/-/rules",
                "{\"repositories\":\"team-s/prod-*\",\"kind\":\"user\",\"principal\":\"sam\",\"role\":\"deny\"}");
        assertStatus(added, 201);
        long id = added.json().get("id").asLong();
        assertThat(id).isPositive();
        assertThat(added.json().get("role").asText()).isEqualTo("deny");
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("rule.add");
        assertThat(event.repository()).isEqualTo("team-s");
        assertThat(event.detail()).contains("team-s/prod-*", "deny");

        assertError(sam.get("/v2/team-s/prod-web/tags/list"), 403, "DENIED");
        assertError(sam.get("/v2/team-s/dev-web/tags/list"), 404, "NAME_UNKNOWN");
        assertThat(admin.get("/api/v1/namespaces/team-s/-/rules").json().get("rules")).hasSize(1);

        assertError(admin.post("/api/v1/namespaces/team-s/-/rules",
                "{\"repositories\":\"\",\"kind\":\"user\",\"principal\":\"sam\",\"role\":\"reader\"}"), 400,
                "UNSUPPORTED");
        assertError(admin.post("/api/v1/namespaces/team-s/-/rules",
                "{\"repositories\":\"team-s/*\",\"kind\":\"user\",\"principal\":\"nobody\",\"role\":\"reader\"}"),
                404, "NAME_UNKNOWN");
        assertError(admin.post("/api/v1/namespaces/team-s/-/rules", "{\"repositories\":\"team-s/*\"}"), 400,
                "UNSUPPORTED");

        before = lastEventId();
        assertStatus(admin.delete("/api/v1/namespaces/team-s/-/rules/" + id), 204);
        event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("rule.remove");
        assertThat(event.detail()).contains("rule " + id);
        assertError(sam.get("/v2/team-s/prod-web/tags/list"), 404, "NAME_UNKNOWN");
        assertError(admin.delete("/api/v1/namespaces/team-s/-/rules/" + id), 404, "NAME_UNKNOWN");
        assertError(admin.delete("/api/v1/namespaces/team-s/-/rules/abc"), 404, "NAME_UNKNOWN");
    }

    @Test
    void aNamespaceAdminManagesItsOwnGrantsAndRulesAndNothingElse() {
        Http tom = user("tom", false);
        user("uma", false);
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"team-t\"}"), 201);
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"team-u\"}"), 201);
        assertStatus(admin.put("/api/v1/namespaces/team-t/-/grants/group/t-admins", "{\"role\":\"admin\"}"), 200);
        assertStatus(admin.put("/api/v1/groups/t-admins/members/tom", null), 201);

        long before = lastEventId();
        assertStatus(tom.put("/api/v1/namespaces/team-t/-/grants/user/uma", "{\"role\":\"reader\"}"), 200);
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.identity()).isEqualTo("tom");
        assertThat(event.action()).isEqualTo("grant.add");
        assertThat(event.result()).isEqualTo("success");
        assertStatus(tom.get("/api/v1/namespaces/team-t/-/grants"), 200);
        Http.Reply rule = tom.post("/api/v1/namespaces/team-t/-/rules",
                "{\"repositories\":\"team-t/secret\",\"kind\":\"user\",\"principal\":\"uma\",\"role\":\"deny\"}");
        assertStatus(rule, 201);
        assertStatus(tom.get("/api/v1/namespaces/team-t/-/rules"), 200);
        assertStatus(tom.delete("/api/v1/namespaces/team-t/-/rules/" + rule.json().get("id").asLong()), 204);
        assertStatus(tom.delete("/api/v1/namespaces/team-t/-/grants/user/uma"), 204);

        // Another namespace's grants and rules, and everything else, are refused, each refusal audited as denied.
        before = lastEventId();
        assertError(tom.put("/api/v1/namespaces/team-u/-/grants/user/uma", "{\"role\":\"reader\"}"), 403, "DENIED");
        assertError(tom.post("/api/v1/namespaces/team-u/-/rules",
                "{\"repositories\":\"team-u/*\",\"kind\":\"user\",\"principal\":\"uma\",\"role\":\"reader\"}"),
                403, "DENIED");
        assertError(tom.delete("/api/v1/namespaces/team-t"), 403, "DENIED");
        assertError(tom.patch("/api/v1/namespaces/team-t", "{\"public\":true}"), 403, "DENIED");
        assertThat(eventsAfter(before)).hasSize(4).allSatisfy(e -> {
            assertThat(e.identity()).isEqualTo("tom");
            assertThat(e.result()).isEqualTo("denied");
        });
        assertError(tom.get("/api/v1/namespaces/team-u/-/grants"), 403, "DENIED");
        assertError(tom.get("/api/v1/namespaces/team-t"), 403, "DENIED");
        assertError(tom.get("/api/v1/namespaces"), 403, "DENIED");
        assertError(tom.post("/api/v1/namespaces", "{\"name\":\"mine\"}"), 403, "DENIED");
        assertError(tom.get("/api/v1/users"), 403, "DENIED");

        // Taken out of the group, tom is no namespace admin any more.
        assertStatus(admin.delete("/api/v1/groups/t-admins/members/tom"), 204);
        assertError(tom.get("/api/v1/namespaces/team-t/-/grants"), 403, "DENIED");
    }

    @Test
    void aNamespaceAdminWithATokenIsJudgedByItsAccountAsItIsNow() {
        Http vic = user("vic", false);
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"team-v\"}"), 201);
        assertStatus(admin.put("/api/v1/namespaces/team-v/-/grants/user/vic", "{\"role\":\"admin\"}"), 200);
        String token = vic.get("/token?service=stowage-test").json().get("token").asText();
        Http bearer = Http.bearer(registry, token);
        assertStatus(bearer.get("/api/v1/namespaces/team-v/-/grants"), 200);
        assertStatus(admin.patch("/api/v1/users/vic", "{\"disabled\":true}"), 200);
        assertError(bearer.get("/api/v1/namespaces/team-v/-/grants"), 401, "UNAUTHORIZED");
    }
}
