package io.stowage.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/audit}: filters, paging by id, and the JSON Lines export. */
class AdminAuditTest extends AdminTestBase {

    @BeforeAll
    static void someEvents() {
        for (int i = 0; i < 5; i++) {
            assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"audit-" + i + "\"}"), 201);
        }
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"audit-0\"}"), 409);
    }

    @Test
    void eventsAreFilteredByActionIdentityRepositoryAndResult() {
        JsonNode created = admin.get("/api/v1/audit?action=namespace.create&result=success").json().get("events");
        assertThat(created).hasSize(5);
        created.forEach(e -> {
            assertThat(e.get("identity").asText()).isEqualTo("admin");
            assertThat(e.get("result").asText()).isEqualTo("success");
            assertThat(e.get("clientAddress").asText()).isEqualTo("127.0.0.1");
        });
        JsonNode failed = admin.get("/api/v1/audit?action=namespace.create&result=failure").json().get("events");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("repository").asText()).isEqualTo("audit-0");
        assertThat(admin.get("/api/v1/audit?repository=audit-3").json().get("events")).hasSize(1);
        assertThat(admin.get("/api/v1/audit?identity=nobody").json().get("events")).isEmpty();
        assertThat(admin.get("/api/v1/audit?action=namespace.create&from=2999-01-01T00:00:00Z").json()
                .get("events")).isEmpty();
        assertThat(admin.get("/api/v1/audit?action=namespace.create&to=" + Instant.now().plusSeconds(60)).json()
                .get("events")).hasSize(6);
    }

    @Test
    void pagesFollowEachOtherByIdWithoutGapsOrRepeats() {
        List<Long> ids = new ArrayList<>();
        String next = "/api/v1/audit?action=namespace.create&n=2";
        int pages = 0;
        while (next != null) {
            Http.Reply page = admin.get(next);
            assertStatus(page, 200);
            page.json().get("events").forEach(e -> ids.add(e.get("id").asLong()));
            pages++;
            String link = page.header("Link");
            if (page.json().has("next")) {
                assertThat(link).startsWith("</api/v1/audit?action=namespace.create&afterId="
                        + page.json().get("next").asLong() + "&n=2>");
                next = link.substring(1, link.indexOf('>'));
            } else {
                assertThat(link).isNull();
                next = null;
            }
        }
        assertThat(ids).hasSize(6).isSorted().doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void theExportIsJsonLinesOfEveryMatchingEvent() throws Exception {
        Http.Reply export = admin.get("/api/v1/audit?action=namespace.create&format=jsonl");
        assertStatus(export, 200);
        assertThat(export.header("Content-Type")).startsWith("application/jsonl");
        List<String> lines = export.text().lines().toList();
        assertThat(lines).hasSize(6);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            assertThat(json.readTree(line).get("action").asText()).isEqualTo("namespace.create");
        }
        assertThat(admin.get("/api/v1/audit?action=namespace.create&format=jsonl&n=2").text().lines()).hasSize(2);
    }

    @Test
    void badQueriesAre400AndNonAdministratorsMayNotRead() {
        assertError(admin.get("/api/v1/audit?from=yesterday"), 400, "UNSUPPORTED");
        assertError(admin.get("/api/v1/audit?afterId=-1"), 400, "UNSUPPORTED");
        assertError(admin.get("/api/v1/audit?format=xml"), 400, "UNSUPPORTED");
        assertError(admin.get("/api/v1/audit?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z"), 400,
                "UNSUPPORTED");
        Http reader = user("auditee", false);
        assertError(reader.get("/api/v1/audit"), 403, "DENIED");
        assertError(reader.get("/api/v1/audit?format=jsonl"), 403, "DENIED");
        assertError(anonymous.get("/api/v1/audit?format=jsonl"), 401, "UNAUTHORIZED");
    }
}
