package io.stowage.http.spec;

import io.stowage.http.TestRegistry;
import io.stowage.metadata.AuditEvent;
import io.stowage.metadata.Role;
import io.stowage.service.access.AccessSettings;
import io.stowage.service.access.AnonymousAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.stowage.http.spec.AuthFixture.basic;
import static io.stowage.http.spec.AuthFixture.bearer;
import static io.stowage.http.spec.OciAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log as requests write it: exactly one event per audited request, with who, from where, with which
 * client, on what, and the result; pulls only when {@code auditPulls} is on.
 */
class AuditTest {

    private static final String AGENT = "stowage-audit-test/1.0";

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
        auth.user("maint", "maint-pw");
        auth.namespace("audit", false);
        auth.grant("audit", "alice", Role.DEVELOPER);
        auth.grant("audit", "rita", Role.READER);
        auth.grant("audit", "maint", Role.MAINTAINER);
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    private static String[] as(String[] authorization) {
        return RegistryClient.withHeaders(authorization, "User-Agent", AGENT);
    }

    @Test
    void aManifestPushIsOneSuccessEventWithEveryField() {
        Instant before = Instant.now().minusSeconds(1);
        String token = auth.token("alice", "alice-pw", "repository:audit/push:pull,push");

        String digest = auth.pushImage("audit/push", "v1", as(bearer(token)));

        List<AuditEvent> events = auth.awaitAudit("manifest.push", "audit/push", 1);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.identity()).isEqualTo("alice");
            assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(e.userAgent()).isEqualTo(AGENT);
            assertThat(e.repository()).isEqualTo("audit/push");
            assertThat(e.reference()).isEqualTo("v1");
            assertThat(e.detail()).isEqualTo(digest);
            assertThat(e.result()).isEqualTo("success");
            assertThat(e.at()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
            assertThat(e.id()).isPositive();
        });
        // uploading the blobs is not an event of its own
        assertThat(auth.audit("blob.push", "audit/push")).isEmpty();
    }

    @Test
    void deletesOfTagsManifestsAndBlobsAreOneEventEach() {
        String[] maint = as(basic("maint", "maint-pw"));
        String digest = auth.pushImage("audit/del", "v1", maint);
        client.pushManifest("audit/del", "v2", Manifests.OCI_MANIFEST, AuthFixture.manifest("audit/del", "v1"),
                maint);
        String layer = Digests.sha256("layer of audit/del:v1".getBytes(StandardCharsets.UTF_8));

        assertThat(client.delete("/v2/audit/del/manifests/v2", maint).status()).isEqualTo(202);
        assertThat(client.delete("/v2/audit/del/manifests/" + digest, maint).status()).isEqualTo(202);
        assertThat(client.delete("/v2/audit/del/blobs/" + layer, maint).status()).isEqualTo(202);

        assertThat(auth.awaitAudit("tag.delete", "audit/del", 1)).singleElement().satisfies(e -> {
            assertThat(e.identity()).isEqualTo("maint");
            assertThat(e.reference()).isEqualTo("v2");
            assertThat(e.result()).isEqualTo("success");
            assertThat(e.userAgent()).isEqualTo(AGENT);
            assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
        });
        assertThat(auth.awaitAudit("manifest.delete", "audit/del", 1)).singleElement().satisfies(e -> {
            assertThat(e.identity()).isEqualTo("maint");
            assertThat(e.reference()).isEqualTo(digest);
            assertThat(e.result()).isEqualTo("success");
        });
        assertThat(auth.awaitAudit("blob.delete", "audit/del", 1)).singleElement().satisfies(e -> {
            assertThat(e.identity()).isEqualTo("maint");
            assertThat(e.reference()).isEqualTo(layer);
            assertThat(e.result()).isEqualTo("success");
        });
        assertThat(auth.awaitAudit("manifest.push", "audit/del", 2)).hasSize(2);
    }

    @Test
    void aMountIsOneEventNamingItsSource() {
        byte[] content = "mounted layer".getBytes(StandardCharsets.UTF_8);
        String digest = client.pushBlob("audit/src", content, basic("alice", "alice-pw"));
        String token = auth.token("alice", "alice-pw", "repository:audit/dst:pull,push", "repository:audit/src:pull");

        Response mounted = client.post("/v2/audit/dst/blobs/uploads/?mount=" + digest + "&from=audit/src", null,
                as(bearer(token)));

        assertThat(mounted.status()).isEqualTo(201);
        assertThat(auth.awaitAudit("blob.mount", "audit/dst", 1)).singleElement().satisfies(e -> {
            assertThat(e.identity()).isEqualTo("alice");
            assertThat(e.reference()).isEqualTo(digest);
            assertThat(e.detail()).isEqualTo("from audit/src");
            assertThat(e.result()).isEqualTo("success");
            assertThat(e.userAgent()).isEqualTo(AGENT);
        });
        // a mount that falls back to an upload session is no mount
        String unknown = Digests.sha256("not anywhere".getBytes(StandardCharsets.UTF_8));
        Response fallback = client.post("/v2/audit/dst/blobs/uploads/?mount=" + unknown + "&from=audit/src", null,
                as(bearer(token)));
        assertThat(fallback.status()).isEqualTo(202);
        assertThat(auth.awaitAudit("blob.mount", "audit/dst", 2)).hasSize(1);
    }

    @Test
    void aDeniedPushIsOneDeniedEvent() {
        Response byReader = client.put("/v2/audit/denied/manifests/v1", AuthFixture.manifest("audit/denied", "v1"),
                RegistryClient.withHeaders(as(basic("rita", "rita-pw")), "Content-Type", Manifests.OCI_MANIFEST));
        assertError(byReader, 403, "DENIED");
        assertThat(auth.awaitAudit("manifest.push", "audit/denied", 1)).singleElement().satisfies(e -> {
            assertThat(e.identity()).isEqualTo("rita");
            assertThat(e.reference()).isEqualTo("v1");
            assertThat(e.result()).isEqualTo("denied");
            assertThat(e.detail()).isNull();
            assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(e.userAgent()).isEqualTo(AGENT);
        });

        Response anonymous = client.put("/v2/audit/denied-anon/manifests/v1", AuthFixture.manifest("a", "b"),
                "Content-Type", Manifests.OCI_MANIFEST, "User-Agent", AGENT);
        assertError(anonymous, 401, "UNAUTHORIZED");
        assertThat(auth.awaitAudit("manifest.push", "audit/denied-anon", 1)).singleElement().satisfies(e -> {
            assertThat(e.identity()).isNull();
            assertThat(e.result()).isEqualTo("denied");
        });

        String pullOnly = auth.token("rita", "rita-pw", "repository:audit/denied-token:pull");
        client.put("/v2/audit/denied-token/manifests/v1", AuthFixture.manifest("a", "b"),
                RegistryClient.withHeaders(as(bearer(pullOnly)), "Content-Type", Manifests.OCI_MANIFEST));
        assertThat(auth.awaitAudit("manifest.push", "audit/denied-token", 1)).singleElement().satisfies(e -> {
            assertThat(e.identity()).isEqualTo("rita");
            assertThat(e.result()).isEqualTo("denied");
        });
    }

    @Test
    void aFailedPushIsOneFailureEvent() {
        Response invalid = client.put("/v2/audit/invalid/manifests/v1", "{}".getBytes(StandardCharsets.UTF_8),
                RegistryClient.withHeaders(as(basic("alice", "alice-pw")), "Content-Type", Manifests.OCI_MANIFEST));
        assertThat(invalid.status()).isBetween(400, 499);
        assertThat(auth.awaitAudit("manifest.push", "audit/invalid", 1)).singleElement()
                .satisfies(e -> assertThat(e.result()).isEqualTo("failure"));
    }

    @Test
    void loginsAreAuditedAsSuccessOrFailure() {
        auth.user("logger", "logger-pw");

        assertThat(client.get(AuthFixture.tokenPath(), as(basic("logger", "logger-pw"))).status()).isEqualTo(200);
        assertThat(client.get("/v2/", as(basic("logger", "wrong"))).status()).isEqualTo(401);
        assertThat(client.get(AuthFixture.tokenPath(), as(basic("no-such-user", "x"))).status()).isEqualTo(401);

        auth.awaitAudit("login", null, 0);
        List<AuditEvent> logger = registry.access().audit().query(
                io.stowage.metadata.AuditQuery.ALL.withAction("login").withIdentity("logger"), null, 100);
        assertThat(logger).extracting(AuditEvent::result).containsExactly("success", "failure");
        assertThat(logger).allSatisfy(e -> {
            assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(e.userAgent()).isEqualTo(AGENT);
            assertThat(e.repository()).isNull();
        });
        assertThat(registry.access().audit().query(io.stowage.metadata.AuditQuery.ALL.withAction("login")
                .withIdentity("no-such-user"), null, 100)).singleElement()
                .satisfies(e -> assertThat(e.result()).isEqualTo("failure"));
    }

    @Test
    void pullsAreRecordedWhenAuditPullsIsOn() {
        assertThat(registry.access().audit().recordsPulls()).isTrue();
        String digest = auth.pushImage("audit/pulled", "v1", basic("alice", "alice-pw"));
        String layer = Digests.sha256("layer of audit/pulled:v1".getBytes(StandardCharsets.UTF_8));
        String token = auth.token("rita", "rita-pw", "repository:audit/pulled:pull");

        assertThat(client.get("/v2/audit/pulled/manifests/v1", as(bearer(token))).status()).isEqualTo(200);
        assertThat(client.get("/v2/audit/pulled/blobs/" + layer, as(bearer(token))).status()).isEqualTo(200);
        assertThat(client.head("/v2/audit/pulled/manifests/v1", as(bearer(token))).status()).isEqualTo(200);
        assertThat(client.get("/v2/audit/pulled/manifests/v9", as(bearer(token))).status()).isEqualTo(404);

        assertThat(auth.awaitAudit("manifest.pull", "audit/pulled", 1)).singleElement().satisfies(e -> {
            assertThat(e.identity()).isEqualTo("rita");
            assertThat(e.reference()).isEqualTo("v1");
            assertThat(e.detail()).isEqualTo(digest);
            assertThat(e.result()).isEqualTo("success");
            assertThat(e.userAgent()).isEqualTo(AGENT);
        });
        assertThat(auth.awaitAudit("blob.pull", "audit/pulled", 1)).singleElement().satisfies(e -> {
            assertThat(e.identity()).isEqualTo("rita");
            assertThat(e.reference()).isEqualTo(layer);
        });
    }

    @Test
    void pullsAreNotRecordedWhenAuditPullsIsOff(@TempDir Path dir) throws Exception {
        AccessSettings defaults = TestRegistry.accessSettings(AnonymousAccess.PUSH);
        AccessSettings quiet = new AccessSettings(defaults.anonymous(), defaults.tokens(), defaults.cacheTtl(), false,
                defaults.throttle());
        try (TestRegistry open = TestRegistry.start(dir, quiet)) {
            RegistryClient anyone = new RegistryClient(open);
            AuthFixture fixture = new AuthFixture(open, anyone);
            fixture.pushImage("quiet/app", "v1");
            String layer = Digests.sha256("layer of quiet/app:v1".getBytes(StandardCharsets.UTF_8));

            assertThat(anyone.get("/v2/quiet/app/manifests/v1").status()).isEqualTo(200);
            assertThat(anyone.get("/v2/quiet/app/blobs/" + layer).status()).isEqualTo(200);

            assertThat(open.access().audit().recordsPulls()).isFalse();
            fixture.awaitAudit("manifest.pull", null, 0);
            assertThat(fixture.audit("manifest.pull")).isEmpty();
            assertThat(fixture.audit("blob.pull")).isEmpty();
            // pushes are recorded regardless, anonymous ones without an identity
            assertThat(fixture.awaitAudit("manifest.push", "quiet/app", 1)).singleElement()
                    .satisfies(e -> assertThat(e.identity()).isNull());
        }
    }
}
