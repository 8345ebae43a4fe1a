package io.stowage.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.metadata.AuditEvent;
import io.stowage.service.access.AdminBootstrap;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention through the administration API: a namespace's policies ({@code -/retention}, {@code -/retention/{id}}),
 * runs over a namespace ({@code -/retention/run}) and over the registry ({@code /retention/run}). Who may: system
 * administrators everything; a namespace's admins its policies and runs; the whole-registry run administrators only.
 * Every policy change writes exactly one audit event; a real run one {@code retention.run} and one
 * {@code retention.remove} per removal; reads and dry runs none. (Events of {@code /v2} requests may arrive late, so
 * only {@code retention.*} events are counted.)
 */
class AdminRetentionTest extends AdminTestBase {

    private static final String OCTET = "application/octet-stream";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    @Test
    void policiesAreAddedListedReplacedAndRemovedWithOneAuditEventEach() {
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"rp-a\"}"), 201);
        String policies = "/api/v1/namespaces/rp-a/-/retention";

        long before = lastEventId();
        Http.Reply added = admin.post(policies, "{\"repositoryGlob\":\"rp-a/ci-*\",\"keepLastTags\":3,"
                + "\"keepPushedWithin\":\"30d\",\"excludeTags\":\"v[0-9]+\",\"untaggedOlderThan\":\"336h\"}");
        assertStatus(added, 201);
        long id = added.json().get("id").asLong();
        assertThat(id).isPositive();
        assertThat(added.json().toString()).isEqualTo("{\"id\":" + id + ",\"namespace\":\"rp-a\","
                + "\"repositoryGlob\":\"rp-a/ci-*\",\"keepLastTags\":3,\"keepPushedWithin\":\"30d\","
                + "\"keepPulledWithin\":null,\"includeTags\":null,\"excludeTags\":\"v[0-9]+\","
                + "\"untaggedOlderThan\":\"14d\",\"enabled\":true}");
        AuditEvent event = onlyRetentionEventAfter(before);
        assertThat(event.action()).isEqualTo("retention.add");
        assertThat(event.repository()).isEqualTo("rp-a");
        assertThat(event.result()).isEqualTo("success");
        assertThat(event.detail()).contains("policy " + id, "rp-a/ci-*", "keep last 3");

        before = lastEventId();
        JsonNode listed = admin.get(policies).json();
        assertThat(listed.get("namespace").asText()).isEqualTo("rp-a");
        assertThat(listed.get("policies")).hasSize(1);
        assertThat(listed.get("policies").get(0)).isEqualTo(added.json());
        assertThat(retentionEventsAfter(before)).as("reads are not audited").isEmpty();

        // Replaced whole: disabled, and the rules not sent are gone.
        before = lastEventId();
        Http.Reply replaced = admin.put(policies + "/" + id, "{\"keepLastTags\":1,\"enabled\":false}");
        assertStatus(replaced, 200);
        assertThat(replaced.json().get("enabled").asBoolean()).isFalse();
        assertThat(replaced.json().get("repositoryGlob").isNull()).isTrue();
        assertThat(replaced.json().get("untaggedOlderThan").isNull()).isTrue();
        event = onlyRetentionEventAfter(before);
        assertThat(event.action()).isEqualTo("retention.update");
        assertThat(event.reference()).isEqualTo("policy " + id);
        assertThat(event.detail()).contains("disabled");
        assertThat(admin.get(policies).json().get("policies").get(0)).isEqualTo(replaced.json());

        before = lastEventId();
        assertStatus(admin.delete(policies + "/" + id), 204);
        event = onlyRetentionEventAfter(before);
        assertThat(event.action()).isEqualTo("retention.remove");
        assertThat(event.repository()).isEqualTo("rp-a");
        assertThat(event.reference()).isEqualTo("policy " + id);
        assertThat(event.result()).isEqualTo("success");
        assertThat(admin.get(policies).json().get("policies")).isEmpty();

        before = lastEventId();
        assertError(admin.delete(policies + "/" + id), 404, "NAME_UNKNOWN");
        assertThat(onlyRetentionEventAfter(before).result()).isEqualTo("failure");
        assertError(admin.put(policies + "/" + id, "{\"keepLastTags\":1}"), 404, "NAME_UNKNOWN");
        assertError(admin.delete(policies + "/abc"), 404, "NAME_UNKNOWN");
        assertError(admin.put(policies + "/0", "{\"keepLastTags\":1}"), 404, "NAME_UNKNOWN");
    }

    @Test
    void invalidPoliciesAre400AndUnknownNamespaces404EachAuditedAsAFailure() {
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"rp-b\"}"), 201);
        String policies = "/api/v1/namespaces/rp-b/-/retention";
        for (String body : List.of("{}", "{\"keepLastTags\":-1}", "{\"keepPushedWithin\":\"P30D\"}",
                "{\"keepPushedWithin\":\"30\"}", "{\"keepPushedWithin\":\"0ms\"}",
                "{\"untaggedOlderThan\":\"999999999999d\"}", "{\"keepLastTags\":1,\"includeTags\":\"v(\"}",
                "{\"untaggedOlderThan\":\"1d\",\"includeTags\":\"v.*\"}",
                "{\"keepLastTags\":1,\"repositoryGlob\":\"other/*\"}", "{\"keepLastTags\":\"1\"}",
                "{\"keepLastTags\":1,\"x\":1}", "{\"keepPushedWithin\":30}")) {
            long before = lastEventId();
            assertError(admin.post(policies, body), 400, "UNSUPPORTED");
            List<AuditEvent> events = retentionEventsAfter(before);
            assertThat(events).as(body).hasSizeLessThanOrEqualTo(1);
            events.forEach(e -> assertThat(e.result()).isEqualTo("failure"));
        }
        long before = lastEventId();
        Http.Reply bad = admin.post(policies, "{\"keepPushedWithin\":\"P30D\"}");
        assertThat(bad.text()).contains("keepPushedWithin must be a period such as 30d");
        assertThat(onlyRetentionEventAfter(before).action()).isEqualTo("retention.add");
        assertThat(admin.post(policies, "{}").text()).contains("needs at least one rule");
        assertThat(admin.get(policies).json().get("policies")).isEmpty();

        before = lastEventId();
        assertError(admin.post("/api/v1/namespaces/nowhere/-/retention", "{\"keepLastTags\":1}"), 404,
                "NAME_UNKNOWN");
        assertThat(onlyRetentionEventAfter(before).result()).isEqualTo("failure");
        assertError(admin.get("/api/v1/namespaces/nowhere/-/retention"), 404, "NAME_UNKNOWN");
        assertError(admin.post("/api/v1/namespaces/nowhere/-/retention/run?dryRun=true", null), 404,
                "NAME_UNKNOWN");
        assertError(admin.post("/api/v1/namespaces/nowhere/-/retention/run", null), 404, "NAME_UNKNOWN");
        assertError(admin.get("/api/v1/namespaces/Bad..Name/-/retention"), 400, "NAME_INVALID");
        assertError(admin.post("/api/v1/namespaces/rp-b/-/retention/run?dryRun=maybe", null), 400, "UNSUPPORTED");
    }

    @Test
    void aNamespaceAdminManagesAndRunsItsOwnNamespaceOnly() {
        Http ria = user("ria", false);
        Http sol = user("sol", false);
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"rp-c\"}"), 201);
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"rp-d\"}"), 201);
        assertStatus(admin.put("/api/v1/namespaces/rp-c/-/grants/user/ria", "{\"role\":\"admin\"}"), 200);
        assertStatus(admin.put("/api/v1/namespaces/rp-c/-/grants/user/sol", "{\"role\":\"maintainer\"}"), 200);

        long before = lastEventId();
        Http.Reply added = ria.post("/api/v1/namespaces/rp-c/-/retention", "{\"keepLastTags\":5}");
        assertStatus(added, 201);
        AuditEvent event = onlyRetentionEventAfter(before);
        assertThat(event.identity()).isEqualTo("ria");
        long id = added.json().get("id").asLong();
        assertStatus(ria.get("/api/v1/namespaces/rp-c/-/retention"), 200);
        assertStatus(ria.put("/api/v1/namespaces/rp-c/-/retention/" + id, "{\"keepLastTags\":4}"), 200);
        assertStatus(ria.post("/api/v1/namespaces/rp-c/-/retention/run?dryRun=true", null), 200);
        assertStatus(ria.post("/api/v1/namespaces/rp-c/-/retention/run", null), 200);

        before = lastEventId();
        assertError(ria.post("/api/v1/namespaces/rp-d/-/retention", "{\"keepLastTags\":1}"), 403, "DENIED");
        assertError(ria.post("/api/v1/namespaces/rp-d/-/retention/run", null), 403, "DENIED");
        assertError(ria.post("/api/v1/retention/run", null), 403, "DENIED");
        assertError(sol.post("/api/v1/namespaces/rp-c/-/retention", "{\"keepLastTags\":1}"), 403, "DENIED");
        assertError(sol.put("/api/v1/namespaces/rp-c/-/retention/" + id, "{\"keepLastTags\":1}"), 403, "DENIED");
        assertError(sol.delete("/api/v1/namespaces/rp-c/-/retention/" + id), 403, "DENIED");
        List<AuditEvent> denied = retentionEventsAfter(before);
        assertThat(denied).extracting(AuditEvent::action).containsExactly("retention.add", "retention.run",
                "retention.run", "retention.add", "retention.update", "retention.remove");
        assertThat(denied).allSatisfy(e -> assertThat(e.result()).isEqualTo("denied"));
        assertError(ria.get("/api/v1/namespaces/rp-d/-/retention"), 403, "DENIED");
        assertError(ria.post("/api/v1/namespaces/rp-d/-/retention/run?dryRun=true", null), 403, "DENIED");
        assertError(ria.post("/api/v1/retention/run?dryRun=true", null), 403, "DENIED");
        assertError(sol.get("/api/v1/namespaces/rp-c/-/retention"), 403, "DENIED");

        before = lastEventId();
        assertError(anonymous.get("/api/v1/namespaces/rp-c/-/retention"), 401, "UNAUTHORIZED");
        assertError(anonymous.post("/api/v1/namespaces/rp-c/-/retention", "{\"keepLastTags\":1}"), 401,
                "UNAUTHORIZED");
        assertError(anonymous.post("/api/v1/namespaces/rp-c/-/retention/run", null), 401, "UNAUTHORIZED");
        assertError(anonymous.post("/api/v1/retention/run", null), 401, "UNAUTHORIZED");
        assertThat(retentionEventsAfter(before)).isEmpty();
        assertThat(admin.get("/api/v1/namespaces/rp-c/-/retention").json().get("policies").get(0)
                .get("keepLastTags").asInt()).isEqualTo(4);
    }

    @Test
    void aDryRunListsExactlyWhatTheFollowingRunRemovesAndImmutableTagsStay() throws Exception {
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"rr\"}"), 201);
        List<String> pushed = List.of("t1", "t2", "t3", "t4", "rel-1");
        for (String tag : pushed) {
            pushImage("rr/app", tag, "layer of " + tag);
            Thread.sleep(3); // distinct push times, for a known order (nothing is asserted about timing)
        }
        pushImage("rr-other/app", "t1", "outside the namespace");
        assertStatus(admin.post("/api/v1/namespaces/rr/-/immutability", "{\"tagRegex\":\"rel-.*\"}"), 201);
        long policy = admin.post("/api/v1/namespaces/rr/-/retention", "{\"keepLastTags\":1}").json().get("id")
                .asLong();

        long before = lastEventId();
        Http.Reply dry = admin.post("/api/v1/namespaces/rr/-/retention/run?dryRun=true", null);
        assertStatus(dry, 200);
        JsonNode plan = dry.json();
        assertThat(plan.get("dryRun").asBoolean()).isTrue();
        assertThat(plan.get("namespace").asText()).isEqualTo("rr");
        // rel-1 is the newest and kept by keep-last 1; t1..t4 go.
        assertThat(references(plan.get("removed"))).containsExactly("t1", "t2", "t3", "t4");
        for (JsonNode item : plan.get("removed")) {
            assertThat(item.get("repository").asText()).isEqualTo("rr/app");
            assertThat(item.get("kind").asText()).isEqualTo("tag");
            assertThat(item.get("policies").get(0).asLong()).isEqualTo(policy);
            assertThat(item.get("manifest").asText()).startsWith("sha256:");
        }
        assertThat(plan.get("skipped")).isEmpty();
        assertThat(retentionEventsAfter(before)).as("a dry run writes nothing").isEmpty();
        assertThat(tags("rr/app")).containsExactlyInAnyOrderElementsOf(pushed);

        // Make the oldest tag immutable too: the plan keeps it and says why.
        assertStatus(admin.post("/api/v1/namespaces/rr/-/immutability", "{\"tagRegex\":\"t1\"}"), 201);
        plan = admin.post("/api/v1/namespaces/rr/-/retention/run?dryRun=true", null).json();
        assertThat(references(plan.get("removed"))).containsExactly("t2", "t3", "t4");
        assertThat(plan.get("kept")).hasSize(1);
        assertThat(plan.get("kept").get(0).get("reference").asText()).isEqualTo("t1");
        assertThat(plan.get("kept").get(0).get("protection").asText()).isEqualTo("IMMUTABLE");

        before = lastEventId();
        Http.Reply ran = admin.post("/api/v1/namespaces/rr/-/retention/run", null);
        assertStatus(ran, 200);
        JsonNode report = ran.json();
        assertThat(report.get("dryRun").asBoolean()).isFalse();
        assertThat(references(report.get("removed"))).containsExactlyElementsOf(references(plan.get("removed")));
        assertThat(report.get("skipped")).isEmpty();
        assertThat(tags("rr/app")).containsExactlyInAnyOrder("t1", "rel-1");
        assertThat(tags("rr-other/app")).containsExactly("t1");

        List<AuditEvent> events = retentionEventsAfter(before);
        assertThat(events).extracting(AuditEvent::action).containsExactly("retention.remove", "retention.remove",
                "retention.remove", "retention.run");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.identity()).isEqualTo(AdminBootstrap.ADMIN);
            assertThat(e.result()).isEqualTo("success");
        });
        assertThat(events.subList(0, 3)).extracting(AuditEvent::repository).containsOnly("rr/app");
        assertThat(events.subList(0, 3)).extracting(AuditEvent::reference).containsExactly("t2", "t3", "t4");
        assertThat(events.get(0).detail()).startsWith("tag t2 of sha256:");
        assertThat(events.get(3).repository()).isEqualTo("rr");
        assertThat(events.get(3).detail()).contains("removed 3 tags");

        // Nothing left to do: the next dry run and run are empty.
        assertThat(admin.post("/api/v1/namespaces/rr/-/retention/run?dryRun=true", null).json().get("removed"))
                .isEmpty();
        // The whole-registry run, for administrators, sees the same.
        JsonNode all = admin.post("/api/v1/retention/run?dryRun=true", null).json();
        assertThat(all.get("namespace").isNull()).isTrue();
        assertThat(all.get("removed")).isEmpty();
        before = lastEventId();
        JsonNode allRun = admin.post("/api/v1/retention/run", "{}").json();
        assertThat(allRun.get("removed")).isEmpty();
        assertThat(retentionEventsAfter(before)).extracting(AuditEvent::action).containsExactly("retention.run");
    }

    private static List<String> references(JsonNode items) {
        List<String> references = new ArrayList<>();
        items.forEach(i -> references.add(i.get("reference").asText()));
        return references;
    }

    private static List<String> tags(String repository) {
        List<String> tags = new ArrayList<>();
        admin.get("/v2/" + repository + "/tags/list").json().get("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    private static List<AuditEvent> retentionEventsAfter(long before) {
        return eventsAfter(before).stream().filter(e -> e.action().startsWith("retention.")).toList();
    }

    private static AuditEvent onlyRetentionEventAfter(long before) {
        List<AuditEvent> events = retentionEventsAfter(before);
        assertThat(events).as("exactly one retention audit event").hasSize(1);
        return events.getFirst();
    }

    private static byte[] config(String repository) {
        return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"variant\":\"" + repository.split("/")[0] + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String pushImage(String repository, String tag, String layer) throws Exception {
        String config = pushBlob(repository, config(repository));
        byte[] layerBytes = layer.getBytes(StandardCharsets.UTF_8);
        String layerDigest = pushBlob(repository, layerBytes);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config
                + "\",\"size\":" + config(repository).length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layerBytes.length + "}]}";
        Http.Reply reply = admin.send("PUT", "/v2/" + repository + "/manifests/" + tag,
                manifest.getBytes(StandardCharsets.UTF_8), "Content-Type", OCI_MANIFEST);
        assertStatus(reply, 201);
        return reply.header("Docker-Content-Digest");
    }

    private static String pushBlob(String repository, byte[] bytes) throws Exception {
        String digest = AdminRobotsTest.sha256(bytes);
        assertStatus(admin.send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + digest, bytes,
                "Content-Type", OCTET), 201);
        return digest;
    }
}
