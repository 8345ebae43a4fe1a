package io.stowage.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.metadata.AuditEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/users} and {@code /api/v1/groups}: what each endpoint answers and what it audits. */
class AdminUsersTest extends AdminTestBase {

    private static final String BCRYPT_HASH = "$2y$05$oer5KwPHIwccINMcSBs5O.fFjo4SurU99vE6erb8a7Tf1ECoQgF/2";
    private static final String BCRYPT_PASSWORD = "s3cret-Passw0rd";

    @Test
    void anAdministratorCreatesAUserWhoCanThenLogIn() {
        long before = lastEventId();
        Http.Reply created = admin.send("POST", "/api/v1/users",
                "{\"username\":\"carol\",\"password\":\"carol-password-1\"}", "User-Agent", "admin-test");
        assertStatus(created, 201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/users/carol");
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        JsonNode user = created.json();
        assertThat(user.get("username").asText()).isEqualTo("carol");
        assertThat(user.get("administrator").asBoolean()).isFalse();
        assertThat(user.get("disabled").asBoolean()).isFalse();
        assertThat(created.text()).doesNotContain("carol-password-1").doesNotContain("argon2");

        AuditEvent event = onlyEventAfter(before);
        assertThat(event.identity()).isEqualTo("admin");
        assertThat(event.action()).isEqualTo("user.create");
        assertThat(event.reference()).isEqualTo("carol");
        assertThat(event.result()).isEqualTo("success");
        assertThat(event.userAgent()).isEqualTo("admin-test");
        assertThat(event.clientAddress()).isEqualTo("127.0.0.1");

        assertStatus(as("carol", "carol-password-1").get("/v2/"), 200);
    }

    @Test
    void creatingAUserTwiceIsAConflictAndAuditedAsAFailure() {
        user("dave", false);
        long before = lastEventId();
        Http.Reply again = admin.post("/api/v1/users", "{\"username\":\"dave\",\"password\":\"another-password\"}");
        assertError(again, 409, "UNSUPPORTED");
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("user.create");
        assertThat(event.result()).isEqualTo("failure");
    }

    @Test
    void invalidUsersAreRefusedWith400() {
        long before = lastEventId();
        assertError(admin.post("/api/v1/users", "{\"username\":\"Eve\",\"password\":\"long-enough-password\"}"),
                400, "UNSUPPORTED");
        assertError(admin.post("/api/v1/users", "{\"username\":\"eve\",\"password\":\"short\"}"), 400, "UNSUPPORTED");
        Http.Reply noPassword = admin.post("/api/v1/users", "{\"username\":\"eve\"}");
        assertError(noPassword, 400, "UNSUPPORTED");
        assertThat(eventsAfter(before)).hasSize(3).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo("user.create");
            assertThat(e.result()).isEqualTo("failure");
        });
        Http.Reply shortPassword = admin.post("/api/v1/users",
                "{\"username\":\"eve\",\"password\":\"elevenchars\"}");
        assertThat(shortPassword.json().at("/errors/0/message").asText()).contains("12");
        assertThat(shortPassword.text()).doesNotContain("elevenchars");
        assertStatus(admin.get("/api/v1/users/eve"), 404);
    }

    @Test
    void malformedAndMistypedBodiesAre400AndNeverEchoTheirValues() {
        long before = lastEventId();
        List<String> bodies = List.of("{", "[]", "\"x\"", "null", "", "{\"username\":\"frank\",\"password\":\"x\"} {}",
                "{\"username\":\"frank\",\"password\":\"secret-password-9\",\"extra\":1}",
                "{\"username\":\"frank\",\"password\":123456789012345}",
                "{\"username\":\"frank\",\"password\":\"secret-password-9\",\"administrator\":\"true\"}",
                "{\"username\":[\"frank\"],\"password\":\"secret-password-9\"}");
        for (String body : bodies) {
            Http.Reply reply = admin.post("/api/v1/users", body);
            assertError(reply, 400, "UNSUPPORTED");
            assertThat(reply.text()).as(body).doesNotContain("secret-password-9").doesNotContain("123456789012345");
        }
        assertThat(eventsAfter(before)).as("nothing reached the service").isEmpty();
        assertStatus(admin.get("/api/v1/users/frank"), 404);
    }

    @Test
    void hugeBodiesAre400() {
        byte[] huge = new byte[AdminCall.MAX_BODY_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertError(admin.send("POST", "/api/v1/users", huge, "Content-Type", "application/json"), 400,
                "UNSUPPORTED");
        // The same streamed, without a Content-Length.
        Http.Reply streamed = admin.sendStreamed("POST", "/api/v1/users/import-htpasswd",
                ("{\"content\":\"" + "a".repeat(AdminCall.MAX_BODY_BYTES) + "\"}").getBytes(),
                "Content-Type", "application/json");
        assertError(streamed, 400, "UNSUPPORTED");
        assertThat(streamed.json().at("/errors/0/message").asText()).contains("larger than");
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        assertError(admin.send("POST", "/api/v1/users", "{\"username\":\"gina\",\"password\":\"gina-password-1\"}",
                "Content-Type", "text/plain"), 400, "UNSUPPORTED");
        assertError(admin.send("POST", "/api/v1/users", "username=gina", "Content-Type",
                "application/x-www-form-urlencoded"), 400, "UNSUPPORTED");
        assertStatus(admin.get("/api/v1/users/gina"), 404);
    }

    @Test
    void usersAreListedInPagesAndShownWithTheirGroups() {
        for (String name : List.of("page-a", "page-b", "page-c")) {
            user(name, false);
        }
        assertStatus(admin.put("/api/v1/groups/devs/members/page-b", null), 201);

        List<String> seen = new ArrayList<>();
        String last = null;
        int pages = 0;
        while (true) {
            Http.Reply page = admin.get("/api/v1/users?n=2" + (last == null ? "" : "&last=" + last));
            assertStatus(page, 200);
            page.json().get("users").forEach(u -> seen.add(u.get("username").asText()));
            pages++;
            if (!page.json().has("next")) {
                assertThat(page.header("Link")).isNull();
                break;
            }
            last = page.json().get("next").asText();
            assertThat(page.header("Link")).isEqualTo("</api/v1/users?n=2&last=" + last + ">; rel=\"next\"");
        }
        assertThat(seen).isSorted().contains("admin", "page-a", "page-b", "page-c").doesNotHaveDuplicates();
        assertThat(pages).isGreaterThan(1);

        JsonNode b = admin.get("/api/v1/users/page-b").json();
        assertThat(b.get("groups")).hasSize(1);
        assertThat(b.get("groups").get(0).asText()).isEqualTo("devs");
        String everything = admin.get("/api/v1/users?n=1000").text();
        assertThat(everything).doesNotContain("$argon2").doesNotContain("password");
        assertError(admin.get("/api/v1/users?n=0"), 400, "UNSUPPORTED");
        assertError(admin.get("/api/v1/users?n=x"), 400, "UNSUPPORTED");
        assertError(admin.get("/api/v1/users/nobody"), 404, "NAME_UNKNOWN");
        assertError(admin.get("/api/v1/users/NotAName"), 400, "UNSUPPORTED");
    }

    @Test
    void aPasswordChangeTakesEffectAndIsAuditedOnce() {
        Http old = user("henry", false);
        assertStatus(old.get("/v2/"), 200);
        long before = lastEventId();
        assertStatus(admin.put("/api/v1/users/henry/password", "{\"password\":\"henry-new-password\"}"), 204);
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("user.update");
        assertThat(event.reference()).isEqualTo("henry");
        assertThat(event.detail()).isEqualTo("password");
        assertThat(event.result()).isEqualTo("success");

        assertStatus(as("henry", "henry-new-password").get("/v2/"), 200);
        assertError(admin.put("/api/v1/users/henry/password", "{\"password\":\"short\"}"), 400, "UNSUPPORTED");
        assertError(admin.put("/api/v1/users/nobody/password", "{\"password\":\"long-enough-pw\"}"), 404,
                "NAME_UNKNOWN");
    }

    @Test
    void aDisabledUserCannotLogInAndAnEnabledOneCanAgain() {
        Http ida = user("ida", false);
        long before = lastEventId();
        Http.Reply disabled = admin.patch("/api/v1/users/ida", "{\"disabled\":true}");
        assertStatus(disabled, 200);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("user.update");
        assertThat(event.detail()).isEqualTo("disabled");
        assertError(ida.get("/v2/"), 401, "UNAUTHORIZED");

        assertStatus(admin.patch("/api/v1/users/ida", "{\"disabled\":false}"), 200);
        assertStatus(ida.get("/v2/"), 200);
        assertError(admin.patch("/api/v1/users/ida", "{}"), 400, "UNSUPPORTED");
        assertError(admin.patch("/api/v1/users/nobody", "{\"disabled\":true}"), 404, "NAME_UNKNOWN");
    }

    @Test
    void aUserMadeAdministratorMayAdministerAndTheLastAdministratorStays() {
        Http jack = user("jack", false);
        assertError(jack.get("/api/v1/users"), 403, "DENIED");
        assertStatus(admin.patch("/api/v1/users/jack", "{\"administrator\":true}"), 200);
        assertStatus(jack.get("/api/v1/users"), 200);
        assertStatus(jack.patch("/api/v1/users/jack", "{\"administrator\":false}"), 200);
        assertError(jack.get("/api/v1/users"), 403, "DENIED");

        // admin is now the only enabled administrator: it can be neither demoted, disabled nor deleted.
        long before = lastEventId();
        assertError(admin.patch("/api/v1/users/admin", "{\"administrator\":false}"), 409, "UNSUPPORTED");
        assertError(admin.patch("/api/v1/users/admin", "{\"disabled\":true}"), 409, "UNSUPPORTED");
        assertError(admin.delete("/api/v1/users/admin"), 409, "UNSUPPORTED");
        assertThat(eventsAfter(before)).hasSize(3).allSatisfy(e -> assertThat(e.result()).isEqualTo("failure"));
        assertStatus(admin.get("/api/v1/users"), 200);
    }

    @Test
    void aDeletedUserIsGoneAndCannotLogIn() {
        Http kate = user("kate", false);
        assertStatus(kate.get("/v2/"), 200);
        long before = lastEventId();
        assertStatus(admin.delete("/api/v1/users/kate"), 204);
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("user.delete");
        assertThat(event.reference()).isEqualTo("kate");
        assertError(kate.get("/v2/"), 401, "UNAUTHORIZED");
        assertError(admin.get("/api/v1/users/kate"), 404, "NAME_UNKNOWN");
        assertError(admin.delete("/api/v1/users/kate"), 404, "NAME_UNKNOWN");
    }

    @Test
    void groupMembershipIsAddedListedAndRemovedWithOneEventEach() {
        user("liam", false);
        long before = lastEventId();
        Http.Reply added = admin.put("/api/v1/groups/ops/members/liam", null);
        assertStatus(added, 201);
        assertThat(added.json().get("group").asText()).isEqualTo("ops");
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("group.add-member");
        assertThat(event.reference()).isEqualTo("liam");
        assertThat(event.detail()).isEqualTo("group ops");

        assertStatus(admin.put("/api/v1/groups/ops/members/liam", null), 200);
        JsonNode members = admin.get("/api/v1/groups/ops/members").json();
        assertThat(members.get("members")).hasSize(1);
        assertThat(members.get("members").get(0).asText()).isEqualTo("liam");
        assertError(admin.put("/api/v1/groups/ops/members/nobody", null), 404, "NAME_UNKNOWN");

        before = lastEventId();
        assertStatus(admin.delete("/api/v1/groups/ops/members/liam"), 204);
        assertThat(onlyEventAfter(before).action()).isEqualTo("group.remove-member");
        assertError(admin.delete("/api/v1/groups/ops/members/liam"), 404, "NAME_UNKNOWN");
        assertThat(admin.get("/api/v1/groups/ops/members").json().get("members")).isEmpty();
    }

    @Test
    void anHtpasswdImportCreatesNewUsersSkipsExistingOnesAndTheyLogInWithTheirBcryptPasswords() {
        user("mia", false);
        String file = "# comment\nmia:" + BCRYPT_HASH + "\nnoah:" + BCRYPT_HASH + "\n\nolivia:" + BCRYPT_HASH + "\n";
        long before = lastEventId();
        Http.Reply imported = admin.post("/api/v1/users/import-htpasswd",
                "{\"content\":" + quote(file) + "}");
        assertStatus(imported, 200);
        assertThat(imported.json().get("created").toString()).isEqualTo("[\"noah\",\"olivia\"]");
        assertThat(imported.json().get("skipped").toString()).isEqualTo("[\"mia\"]");
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("user.import");
        assertThat(event.detail()).contains("created 2", "skipped 1", "mia");
        assertThat(imported.text()).doesNotContain("$2y$");

        assertStatus(as("noah", BCRYPT_PASSWORD).get("/v2/"), 200);
        assertError(as("mia", BCRYPT_PASSWORD).get("/v2/"), 401, "UNAUTHORIZED");
        // Logged in once, the hash became Argon2id, and the password still works.
        assertThat(registry.metadata().users().find("noah").orElseThrow().passwordHash()).startsWith("$argon2id$");
        assertStatus(as("noah", BCRYPT_PASSWORD).get("/v2/"), 200);
    }

    @Test
    void anHtpasswdFileWithAWeakHashIsRefusedWhole() {
        String file = "paul:" + BCRYPT_HASH + "\nquinn:$apr1$abcdefgh$0123456789abcdefghijkl\n";
        long before = lastEventId();
        Http.Reply refused = admin.post("/api/v1/users/import-htpasswd", "{\"content\":" + quote(file) + "}");
        assertError(refused, 400, "UNSUPPORTED");
        assertThat(refused.json().at("/errors/0/message").asText()).contains("line 2", "MD5");
        assertThat(refused.text()).doesNotContain("0123456789abcdefghijkl");
        assertThat(onlyEventAfter(before).result()).isEqualTo("failure");
        assertError(admin.get("/api/v1/users/paul"), 404, "NAME_UNKNOWN");
    }

    @Test
    void unknownPathsAre404AndUnsupportedMethods405() {
        assertError(admin.get("/api/v1/nothing-here"), 404, "UNSUPPORTED");
        assertError(admin.get("/api/v1/users/a/b/c"), 404, "UNSUPPORTED");
        assertError(admin.get("/api/v1"), 404, "UNSUPPORTED");
        Http.Reply wrongMethod = admin.send("PUT", "/api/v1/users", "{}");
        assertError(wrongMethod, 405, "UNSUPPORTED");
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET, POST");
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
