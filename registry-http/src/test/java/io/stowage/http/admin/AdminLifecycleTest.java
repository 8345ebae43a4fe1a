package io.stowage.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.metadata.AuditEvent;
import io.stowage.metadata.TagRecord;
import io.stowage.oci.RepositoryName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lifecycle through the administration API: a namespace's immutability rules ({@code -/immutability}), quota
 * ({@code -/quota}) and usage ({@code -/usage}); a repository's usage, tags with push and last-pull times, and a
 * manifest's times ({@code /repositories/{repository}/-/...}). Who may: administrators everything; a namespace's
 * admins its immutability rules and usage, not its quota; whoever may pull from a repository its usage and times.
 * Every change writes exactly one audit event; reads write none. (Events of the {@code /v2} requests the tests make
 * are left out: they are written after their response and may arrive late.)
 */
class AdminLifecycleTest extends AdminTestBase {

    private static final String OCTET = "application/octet-stream";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    // ---------------------------------------------------------------- immutability rules

    @Test
    void immutabilityRulesAreAddedListedEnforcedAndRemovedWithOneAuditEventEach() throws Exception {
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"im-a\"}"), 201);

        long before = lastEventId();
        Http.Reply added = admin.post("/api/v1/namespaces/im-a/-/immutability",
                "{\"repositoryGlob\":\"im-a/prod-*\",\"tagRegex\":\"v[0-9]+\"}");
        assertStatus(added, 201);
        long id = added.json().get("id").asLong();
        assertThat(id).isPositive();
        assertThat(added.json().toString()).isEqualTo("{\"id\":" + id
                + ",\"namespace\":\"im-a\",\"repositoryGlob\":\"im-a/prod-*\",\"tagRegex\":\"v[0-9]+\"}");
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("immutability.add");
        assertThat(event.repository()).isEqualTo("im-a");
        assertThat(event.result()).isEqualTo("success");
        assertThat(event.detail()).contains("rule " + id, "im-a/prod-*", "v[0-9]+");

        // Without a glob, the rule covers every repository of the namespace.
        Http.Reply everywhere = admin.post("/api/v1/namespaces/im-a/-/immutability", "{\"tagRegex\":\"release\"}");
        assertStatus(everywhere, 201);
        assertThat(everywhere.json().get("repositoryGlob").isNull()).isTrue();

        before = lastEventId();
        JsonNode listed = admin.get("/api/v1/namespaces/im-a/-/immutability").json();
        assertThat(listed.get("namespace").asText()).isEqualTo("im-a");
        assertThat(listed.get("rules")).hasSize(2);
        assertThat(listed.get("rules").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(eventsAfter(before)).as("reads are not audited").isEmpty();

        // The rule applies at once: v1 can't be moved in im-a/prod-web, but can in im-a/dev-web.
        pushImage("im-a/prod-web", "v1", "first");
        assertError(pushImageReply("im-a/prod-web", "v1", "second"), 403, "DENIED");
        assertError(admin.delete("/v2/im-a/prod-web/manifests/v1"), 403, "DENIED");
        pushImage("im-a/dev-web", "v1", "first");
        assertStatus(pushImageReply("im-a/dev-web", "v1", "second"), 201);

        before = lastEventId();
        assertStatus(admin.delete("/api/v1/namespaces/im-a/-/immutability/" + id), 204);
        event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("immutability.remove");
        assertThat(event.repository()).isEqualTo("im-a");
        assertThat(event.reference()).isEqualTo("rule " + id);
        assertThat(event.detail()).contains("im-a/prod-*", "v[0-9]+");
        assertStatus(pushImageReply("im-a/prod-web", "v1", "second"), 201);

        before = lastEventId();
        assertError(admin.delete("/api/v1/namespaces/im-a/-/immutability/" + id), 404, "NAME_UNKNOWN");
        assertThat(onlyEventAfter(before).result()).isEqualTo("failure");
        assertError(admin.delete("/api/v1/namespaces/im-a/-/immutability/abc"), 404, "NAME_UNKNOWN");
        assertThat(admin.get("/api/v1/namespaces/im-a/-/immutability").json().get("rules")).hasSize(1);
    }

    @Test
    void invalidRulesAre400AndUnknownNamespaces404EachAuditedAsAFailure() {
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"im-b\"}"), 201);
        String rules = "/api/v1/namespaces/im-b/-/immutability";
        for (String body : List.of("{\"tagRegex\":\"v(\"", "{\"tagRegex\":\"\"}", "{}",
                "{\"tagRegex\":\"" + "a".repeat(257) + "\"}", "{\"tagRegex\":\"v.*\",\"repositoryGlob\":\"other/*\"}",
                "{\"tagRegex\":\"v.*\",\"repositoryGlob\":\"\"}", "{\"tagRegex\":1}", "{\"tagRegex\":\"v\",\"x\":1}")) {
            long before = lastEventId();
            Http.Reply reply = admin.post(rules, body);
            assertError(reply, 400, "UNSUPPORTED");
            List<AuditEvent> events = eventsAfter(before);
            // Bodies the API can't read at all are refused before they become an operation; the others are audited.
            assertThat(events).as(body).hasSizeLessThanOrEqualTo(1);
            events.forEach(e -> assertThat(e.result()).isEqualTo("failure"));
        }
        long before = lastEventId();
        Http.Reply badRegex = admin.post(rules, "{\"tagRegex\":\"v(\"}");
        assertThat(badRegex.text()).contains("not a valid regular expression");
        assertThat(onlyEventAfter(before).action()).isEqualTo("immutability.add");
        assertThat(admin.post(rules, "{\"tagRegex\":\"v.*\",\"repositoryGlob\":\"other/*\"}").text())
                .contains("can never match a repository of namespace im-b");
        assertThat(admin.get(rules).json().get("rules")).isEmpty();

        before = lastEventId();
        assertError(admin.post("/api/v1/namespaces/nowhere/-/immutability", "{\"tagRegex\":\"v.*\"}"), 404,
                "NAME_UNKNOWN");
        assertThat(onlyEventAfter(before).result()).isEqualTo("failure");
        assertError(admin.get("/api/v1/namespaces/nowhere/-/immutability"), 404, "NAME_UNKNOWN");
        assertError(admin.delete("/api/v1/namespaces/nowhere/-/immutability/1"), 404, "NAME_UNKNOWN");
        assertError(admin.get("/api/v1/namespaces/Bad..Name/-/immutability"), 400, "NAME_INVALID");
        assertError(admin.send("PUT", rules, "{\"tagRegex\":\"v.*\"}"), 405, "UNSUPPORTED");
    }

    @Test
    void aNamespaceAdminManagesItsImmutabilityRulesAndReadsItsUsageButMayNotSetItsQuota() {
        Http ivy = user("ivy", false);
        Http jon = user("jon", false);
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"im-c\"}"), 201);
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"im-d\"}"), 201);
        assertStatus(admin.put("/api/v1/namespaces/im-c/-/grants/user/ivy", "{\"role\":\"admin\"}"), 200);
        assertStatus(admin.put("/api/v1/namespaces/im-c/-/grants/user/jon", "{\"role\":\"maintainer\"}"), 200);

        long before = lastEventId();
        Http.Reply added = ivy.post("/api/v1/namespaces/im-c/-/immutability", "{\"tagRegex\":\"v.*\"}");
        assertStatus(added, 201);
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.identity()).isEqualTo("ivy");
        assertThat(event.result()).isEqualTo("success");
        assertStatus(ivy.get("/api/v1/namespaces/im-c/-/immutability"), 200);
        assertStatus(ivy.get("/api/v1/namespaces/im-c/-/usage"), 200);
        assertStatus(ivy.delete("/api/v1/namespaces/im-c/-/immutability/" + added.json().get("id").asLong()), 204);

        // Not its quota, not another namespace, and a maintainer nothing: each change refused once, audited denied.
        before = lastEventId();
        assertError(ivy.put("/api/v1/namespaces/im-c/-/quota", "{\"bytes\":1000000000}"), 403, "DENIED");
        assertError(ivy.post("/api/v1/namespaces/im-d/-/immutability", "{\"tagRegex\":\"v.*\"}"), 403, "DENIED");
        assertError(jon.post("/api/v1/namespaces/im-c/-/immutability", "{\"tagRegex\":\"v.*\"}"), 403, "DENIED");
        assertError(jon.delete("/api/v1/namespaces/im-c/-/immutability/1"), 403, "DENIED");
        List<AuditEvent> denied = eventsAfter(before);
        assertThat(denied).extracting(AuditEvent::action).containsExactly("quota.set", "immutability.add",
                "immutability.add", "immutability.remove");
        assertThat(denied).allSatisfy(e -> assertThat(e.result()).isEqualTo("denied"));
        assertError(ivy.get("/api/v1/namespaces/im-d/-/immutability"), 403, "DENIED");
        assertError(ivy.get("/api/v1/namespaces/im-d/-/usage"), 403, "DENIED");
        assertError(jon.get("/api/v1/namespaces/im-c/-/immutability"), 403, "DENIED");
        assertError(jon.get("/api/v1/namespaces/im-c/-/usage"), 403, "DENIED");

        // Anonymous callers are refused before anything happens, whatever they send.
        before = lastEventId();
        assertError(anonymous.get("/api/v1/namespaces/im-c/-/immutability"), 401, "UNAUTHORIZED");
        assertError(anonymous.post("/api/v1/namespaces/im-c/-/immutability", "{\"tagRegex\":\"v.*\"}"), 401,
                "UNAUTHORIZED");
        assertError(anonymous.put("/api/v1/namespaces/im-c/-/quota", "{\"bytes\":1}"), 401, "UNAUTHORIZED");
        assertError(anonymous.get("/api/v1/namespaces/im-c/-/usage"), 401, "UNAUTHORIZED");
        assertThat(eventsAfter(before)).isEmpty();
    }

    // ---------------------------------------------------------------- quotas and usage

    @Test
    void quotasAreSetEnforcedAndRemovedAndUsageShowsTheThreeFigures() throws Exception {
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"qa\"}"), 201);
        String shared = "a layer both repositories share";
        pushImage("qa/one", "v1", shared);
        pushImage("qa/two", "v1", shared);

        JsonNode usage = admin.get("/api/v1/namespaces/qa/-/usage").json();
        assertThat(usage.get("namespace").asText()).isEqualTo("qa");
        assertThat(usage.get("repositories").asLong()).isEqualTo(2);
        long manifests = usage.get("manifestBytes").asLong();
        assertThat(manifests).isPositive();
        // The shared layer and config count twice in the logical figure, once in what is stored.
        long blobs = shared.length() + config("qa").length;
        assertThat(usage.get("storedBytes").asLong()).isEqualTo(blobs + manifests);
        assertThat(usage.get("logicalBytes").asLong()).isEqualTo(2 * blobs + manifests);
        assertThat(usage.get("uniqueBytes").asLong()).isEqualTo(blobs + manifests);
        assertThat(usage.get("quotaBytes").isNull()).isTrue();
        assertThat(usage.get("remainingBytes").isNull()).isTrue();

        long stored = usage.get("storedBytes").asLong();
        long before = lastEventId();
        Http.Reply set = admin.put("/api/v1/namespaces/qa/-/quota", "{\"bytes\":" + (stored + 10) + "}");
        assertStatus(set, 200);
        assertThat(set.json().get("quotaBytes").asLong()).isEqualTo(stored + 10);
        assertThat(set.json().get("remainingBytes").asLong()).isEqualTo(10);
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("quota.set");
        assertThat(event.repository()).isEqualTo("qa");
        assertThat(event.result()).isEqualTo("success");
        assertThat(event.detail()).isEqualTo("quota " + (stored + 10) + " bytes");
        assertThat(admin.get("/api/v1/namespaces/qa/-/usage").json().get("quotaBytes").asLong())
                .isEqualTo(stored + 10);

        // A blob new to the namespace that does not fit is refused; what the namespace has already is not.
        byte[] big = "eleven more".getBytes(StandardCharsets.UTF_8);
        assertError(admin.send("POST", "/v2/qa/one/blobs/uploads/?digest=" + AdminRobotsTest.sha256(big), big,
                "Content-Type", OCTET), 403, "DENIED");
        byte[] known = shared.getBytes(StandardCharsets.UTF_8);
        assertStatus(admin.send("POST", "/v2/qa/three/blobs/uploads/?digest=" + AdminRobotsTest.sha256(known),
                known, "Content-Type", OCTET), 201);

        before = lastEventId();
        Http.Reply removed = admin.put("/api/v1/namespaces/qa/-/quota", "{\"bytes\":null}");
        assertStatus(removed, 200);
        assertThat(removed.json().get("quotaBytes").isNull()).isTrue();
        assertThat(onlyEventAfter(before).detail()).isEqualTo("no quota");
        assertStatus(admin.send("POST", "/v2/qa/one/blobs/uploads/?digest=" + AdminRobotsTest.sha256(big), big,
                "Content-Type", OCTET), 201);

        // Zero is a quota too: nothing new fits.
        assertThat(admin.put("/api/v1/namespaces/qa/-/quota", "{\"bytes\":0}").json().get("remainingBytes")
                .asLong()).isZero();
    }

    @Test
    void invalidQuotasAre400UnknownNamespaces404AndNothingChanges() {
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"qb\"}"), 201);
        String quota = "/api/v1/namespaces/qb/-/quota";
        long before = lastEventId();
        assertError(admin.put(quota, "{\"bytes\":-1}"), 400, "UNSUPPORTED");
        AuditEvent event = onlyEventAfter(before);
        assertThat(event.action()).isEqualTo("quota.set");
        assertThat(event.result()).isEqualTo("failure");
        for (String body : List.of("{}", "{\"bytes\":\"1000\"}", "{\"bytes\":1.5}", "{\"bytes\":1e3}",
                "{\"bytes\":99999999999999999999}", "{\"bytes\":true}", "{\"bytes\":[1]}", "{\"gigabytes\":1}", "",
                "[]")) {
            assertError(admin.put(quota, body.isEmpty() ? null : body), 400, "UNSUPPORTED");
        }
        assertThat(admin.get("/api/v1/namespaces/qb/-/usage").json().get("quotaBytes").isNull()).isTrue();

        before = lastEventId();
        assertError(admin.put("/api/v1/namespaces/nowhere/-/quota", "{\"bytes\":1}"), 404, "NAME_UNKNOWN");
        assertThat(onlyEventAfter(before).result()).isEqualTo("failure");
        assertError(admin.get("/api/v1/namespaces/nowhere/-/usage"), 404, "NAME_UNKNOWN");
        assertError(admin.get("/api/v1/namespaces/Bad..Name/-/usage"), 400, "NAME_INVALID");
        assertError(admin.get(quota), 405, "UNSUPPORTED");

        Http kim = user("kim", false);
        before = lastEventId();
        assertError(kim.put(quota, "{\"bytes\":1}"), 403, "DENIED");
        assertThat(onlyEventAfter(before).result()).isEqualTo("denied");
        assertError(kim.get("/api/v1/namespaces/qb/-/usage"), 403, "DENIED");
    }

    @Test
    void aRepositorysUsageIsForWhoeverMayPullFromIt() throws Exception {
        assertStatus(admin.post("/api/v1/namespaces", "{\"name\":\"ru\"}"), 201);
        pushImage("ru/app", "v1", "only in ru/app");
        pushImage("ru/other", "v1", "shared with nobody else");
        Http lea = user("lea", false);
        Http max = user("max", false);
        assertStatus(admin.put("/api/v1/namespaces/ru/-/grants/user/lea", "{\"role\":\"reader\"}"), 200);
        assertStatus(admin.post("/api/v1/namespaces/ru/-/rules",
                "{\"repositories\":\"ru/other\",\"kind\":\"user\",\"principal\":\"lea\",\"role\":\"deny\"}"), 201);

        long before = lastEventId();
        JsonNode usage = lea.get("/api/v1/repositories/ru/app/-/usage").json();
        assertThat(usage.get("repository").asText()).isEqualTo("ru/app");
        assertThat(usage.get("blobs").asLong()).isEqualTo(2);
        assertThat(usage.get("manifests").asLong()).isEqualTo(1);
        long expected = "only in ru/app".length() + config("ru").length + usage.get("manifestBytes").asLong();
        assertThat(usage.get("logicalBytes").asLong()).isEqualTo(expected);
        assertThat(usage.get("storedBytes").asLong()).isEqualTo(expected);
        // The config blob is shared with ru/other: deleting ru/app would free its layer and manifest only.
        assertThat(usage.get("uniqueBytes").asLong()).isEqualTo(expected - config("ru").length);
        assertThat(eventsAfter(before)).isEmpty();
        assertStatus(admin.get("/api/v1/repositories/ru/app/-/usage"), 200);

        assertError(lea.get("/api/v1/repositories/ru/other/-/usage"), 403, "DENIED");
        assertError(max.get("/api/v1/repositories/ru/app/-/usage"), 403, "DENIED");
        assertError(anonymous.get("/api/v1/repositories/ru/app/-/usage"), 401, "UNAUTHORIZED");
        assertError(admin.get("/api/v1/repositories/ru/nothing/-/usage"), 404, "NAME_UNKNOWN");
        assertError(lea.get("/api/v1/repositories/ru/nothing/-/usage"), 404, "NAME_UNKNOWN");
        assertError(max.get("/api/v1/repositories/ru/nothing/-/usage"), 403, "DENIED");
        assertError(admin.get("/api/v1/repositories/Ru/App/-/usage"), 400, "NAME_INVALID");
        assertError(admin.get("/api/v1/repositories/ru/app/-/nothing"), 404, "UNSUPPORTED");

        // A token is judged by what it grants: pull on ru/app reads it, not ru/other.
        String token = lea.get("/token?service=stowage-test&scope=repository:ru/app:pull").json().get("token")
                .asText();
        Http bearer = Http.bearer(registry, token);
        assertStatus(bearer.get("/api/v1/repositories/ru/app/-/usage"), 200);
        assertStatus(bearer.get("/api/v1/repositories/ru/app/-/tags"), 200);
        assertError(bearer.get("/api/v1/repositories/ru/other/-/usage"), 403, "DENIED");
    }

    // ---------------------------------------------------------------- push and pull times

    @Test
    void tagsListTheirDigestPushAndLastPullTimesPagedAndOnlyAGetCountsAsAPull() throws Exception {
        String v1 = pushImage("times/app", "v1", "layer one");
        String v2 = pushImage("times/app", "v2", "layer two");
        pushImage("times/app", "latest", "layer two");

        JsonNode all = admin.get("/api/v1/repositories/times/app/-/tags").json();
        assertThat(all.get("repository").asText()).isEqualTo("times/app");
        assertThat(all.get("tags")).extracting(t -> t.get("tag").asText()).containsExactly("latest", "v1", "v2");
        JsonNode first = all.get("tags").get(1);
        assertThat(first.get("digest").asText()).isEqualTo(v1);
        assertThat(first.get("pushedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(first.get("lastPulledAt").isNull()).isTrue();
        assertThat(all.has("next")).isFalse();

        Http.Reply page = admin.get("/api/v1/repositories/times/app/-/tags?n=2");
        assertThat(page.json().get("tags")).hasSize(2);
        assertThat(page.json().get("next").asText()).isEqualTo("v1");
        assertThat(page.header("Link")).isEqualTo("</api/v1/repositories/times/app/-/tags?n=2&last=v1>; rel=\"next\"");
        JsonNode rest = admin.get("/api/v1/repositories/times/app/-/tags?n=2&last=v1").json();
        assertThat(rest.get("tags")).extracting(t -> t.get("tag").asText()).containsExactly("v2");
        assertThat(rest.has("next")).isFalse();
        assertError(admin.get("/api/v1/repositories/times/app/-/tags?n=0"), 400, "UNSUPPORTED");
        assertError(admin.get("/api/v1/repositories/times/nothing/-/tags"), 404, "NAME_UNKNOWN");

        // A HEAD asks whether the manifest is there; only a GET takes it, and counts as its pull.
        RepositoryName repository = RepositoryName.parse("times/app");
        assertStatus(admin.send("HEAD", "/v2/times/app/manifests/v1", (byte[]) null, "Accept", OCI_MANIFEST), 200);
        registry.registry().pulls().flush();
        assertThat(tag(repository, "v1").lastPulledAt()).isNull();
        assertThat(registry.metadata().activity().manifest(repository, io.stowage.oci.Digest.parse(v1)).orElseThrow()
                .lastPulledAt()).isNull();
        assertStatus(admin.send("GET", "/v2/times/app/manifests/v1", (byte[]) null, "Accept", OCI_MANIFEST), 200);
        registry.registry().pulls().flush();
        assertThat(tag(repository, "v1").lastPulledAt()).isNotNull();

        JsonNode pulled = admin.get("/api/v1/repositories/times/app/-/tags?n=1&last=latest").json().get("tags").get(0);
        assertThat(pulled.get("tag").asText()).isEqualTo("v1");
        assertThat(pulled.get("lastPulledAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        // A manifest's times, by digest or by tag; looking is not a pull.
        JsonNode byDigest = admin.get("/api/v1/repositories/times/app/-/manifests/" + v1).json();
        assertThat(byDigest.get("repository").asText()).isEqualTo("times/app");
        assertThat(byDigest.get("digest").asText()).isEqualTo(v1);
        assertThat(byDigest.get("pushedAt").asText()).isNotEmpty();
        assertThat(byDigest.get("lastPulledAt").asText()).isEqualTo(pulled.get("lastPulledAt").asText());
        JsonNode byTag = admin.get("/api/v1/repositories/times/app/-/manifests/latest").json();
        assertThat(byTag.get("digest").asText()).isEqualTo(v2);
        assertThat(byTag.get("lastPulledAt").isNull()).isTrue();
        registry.registry().pulls().flush();
        assertThat(admin.get("/api/v1/repositories/times/app/-/manifests/latest").json().get("lastPulledAt")
                .isNull()).isTrue();

        String unknown = AdminRobotsTest.sha256("no such manifest".getBytes(StandardCharsets.UTF_8));
        assertError(admin.get("/api/v1/repositories/times/app/-/manifests/" + unknown), 404, "MANIFEST_UNKNOWN");
        assertError(admin.get("/api/v1/repositories/times/app/-/manifests/nope"), 404, "MANIFEST_UNKNOWN");
        assertError(admin.get("/api/v1/repositories/times/nothing/-/manifests/" + v1), 404, "NAME_UNKNOWN");
        assertError(admin.get("/api/v1/repositories/times/app/-/manifests/sha256:abc"), 400, "DIGEST_INVALID");
        assertError(admin.get("/api/v1/repositories/times/app/-/manifests/bad%20tag"), 400, "NAME_INVALID");

        Http ned = user("ned", false);
        assertError(ned.get("/api/v1/repositories/times/app/-/tags"), 403, "DENIED");
        assertError(ned.get("/api/v1/repositories/times/app/-/manifests/" + v1), 403, "DENIED");
        assertError(anonymous.get("/api/v1/repositories/times/app/-/tags"), 401, "UNAUTHORIZED");
    }

    /**
     * The events after {@code afterId} but those of pushes and pulls through {@code /v2}, which are written after
     * their response goes out and may land after a later administration request's.
     */
    static List<AuditEvent> eventsAfter(long afterId) {
        return AdminTestBase.eventsAfter(afterId).stream()
                .filter(e -> e.action().startsWith("immutability.") || e.action().startsWith("quota.")).toList();
    }

    static AuditEvent onlyEventAfter(long afterId) {
        List<AuditEvent> events = eventsAfter(afterId);
        assertThat(events).as("exactly one audit event").hasSize(1);
        return events.getFirst();
    }

    private static TagRecord tag(RepositoryName repository, String name) {
        return registry.metadata().activity().tags(repository, null, 100).stream()
                .filter(t -> t.tag().value().equals(name)).findFirst().orElseThrow();
    }

    /** A config blob of the namespace's own, so that what one test pushes is never shared with another's. */
    private static byte[] config(String repository) {
        return ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"variant\":\"" + repository.split("/")[0] + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Pushes a config, a layer of {@code layer} and a manifest of them under {@code tag}; returns its digest. */
    private static String pushImage(String repository, String tag, String layer) throws Exception {
        Http.Reply reply = pushImageReply(repository, tag, layer);
        assertStatus(reply, 201);
        return reply.header("Docker-Content-Digest");
    }

    private static Http.Reply pushImageReply(String repository, String tag, String layer) throws Exception {
        String config = pushBlob(repository, config(repository));
        byte[] layerBytes = layer.getBytes(StandardCharsets.UTF_8);
        String layerDigest = pushBlob(repository, layerBytes);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config
                + "\",\"size\":" + config(repository).length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layerBytes.length + "}]}";
        return admin.send("PUT", "/v2/" + repository + "/manifests/" + tag, manifest.getBytes(StandardCharsets.UTF_8),
                "Content-Type", OCI_MANIFEST);
    }

    private static String pushBlob(String repository, byte[] bytes) throws Exception {
        String digest = AdminRobotsTest.sha256(bytes);
        assertStatus(admin.send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + digest, bytes,
                "Content-Type", OCTET), 201);
        return digest;
    }
}
