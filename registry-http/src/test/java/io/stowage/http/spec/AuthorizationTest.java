package io.stowage.http.spec;

import io.stowage.http.TestRegistry;
import io.stowage.metadata.Role;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.service.access.AnonymousAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.stowage.http.spec.AuthFixture.basic;
import static io.stowage.http.spec.AuthFixture.bearer;
import static io.stowage.http.spec.OciAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each endpoint lets whom do, with anonymous access off unless a test says otherwise: the catalog shows only
 * what the caller may pull (and pages correctly around what it hides), tag lists need pull, mounts need pull on the
 * source, deletes need delete; and the anonymous modes pull and push.
 */
class AuthorizationTest {

    /** Repositories cat/00 .. cat/19; the catalog user may pull these. */
    private static final List<String> VISIBLE = List.of("cat/01", "cat/04", "cat/05", "cat/09", "cat/13", "cat/17");

    @TempDir
    static Path data;
    static TestRegistry registry;
    static RegistryClient client;
    static AuthFixture auth;
    static final String[] ROOT = basic("root", "root-pw");

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistry.start(data, AnonymousAccess.NONE);
        client = new RegistryClient(registry);
        auth = new AuthFixture(registry, client);
        auth.user("root", "root-pw", true);
        auth.user("dev", "dev-pw");
        auth.user("maint", "maint-pw");
        auth.user("lister", "lister-pw");
        auth.namespace("team-a", false);
        auth.namespace("secret", false);
        auth.namespace("shared", false);
        auth.grant("team-a", "dev", Role.DEVELOPER);
        auth.grant("team-a", "maint", Role.MAINTAINER);
        auth.grant("shared", "dev", Role.READER);
        for (int i = 0; i < 20; i++) {
            String name = String.format("cat/%02d", i);
            client.pushBlob(name, ("catalog " + i).getBytes(StandardCharsets.UTF_8), ROOT);
            if (VISIBLE.contains(name)) {
                auth.namespace(name, false);
                auth.grant(name, "lister", Role.READER);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    @Test
    void theCatalogShowsOnlyWhatTheCallerMayPull() {
        String token = auth.token("lister", "lister-pw", "registry:catalog:*");

        Response response = client.get("/v2/_catalog", bearer(token));

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(response.json().get("repositories")).extracting(n -> n.asText()).containsExactlyElementsOf(VISIBLE);
        Response basicList = client.get("/v2/_catalog", basic("lister", "lister-pw"));
        assertThat(basicList.json().get("repositories")).extracting(n -> n.asText())
                .containsExactlyElementsOf(VISIBLE);
        Response root = client.get("/v2/_catalog?n=100", ROOT);
        assertThat(root.json().get("repositories")).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 2, 4, 5, 6, 7})
    void paginationSkipsHiddenRepositoriesAndStillLinksCorrectly(int n) {
        String token = auth.token("lister", "lister-pw", "registry:catalog:*");
        List<String> seen = new ArrayList<>();
        String path = "/v2/_catalog?n=" + n;
        int pages = 0;
        while (path != null) {
            Response response = client.get(path, bearer(token));
            assertThat(response.status()).as(response.describe()).isEqualTo(200);
            List<String> page = new ArrayList<>();
            response.json().get("repositories").forEach(r -> page.add(r.asText()));
            assertThat(page).hasSizeLessThanOrEqualTo(n);
            String next = Links.next(response, path);
            if (next != null) {
                // a Link only when more visible repositories follow, so never after an empty or partial page
                assertThat(page).hasSize(n);
            }
            seen.addAll(page);
            path = next;
            pages++;
            assertThat(pages).isLessThan(50);
        }
        assertThat(seen).containsExactlyElementsOf(VISIBLE);
        assertThat(pages).isEqualTo((VISIBLE.size() + n - 1) / n);
    }

    @Test
    void lastStartsAfterAHiddenRepositoryToo() {
        Response response = client.get("/v2/_catalog?n=2&last=cat/06", basic("lister", "lister-pw"));

        assertThat(response.json().get("repositories")).extracting(n -> n.asText())
                .containsExactly("cat/09", "cat/13");
        assertThat(response.header("Link")).contains("last=cat%2F13");
    }

    @Test
    void anAnonymousCatalogIs401WithTheCatalogScope() {
        Response response = client.get("/v2/_catalog");

        assertError(response, 401, "UNAUTHORIZED");
        assertThat(response.header("WWW-Authenticate")).endsWith(",scope=\"registry:catalog:*\"");
        // and no anonymous token can carry the catalog scope
        String token = auth.anonymousToken("registry:catalog:*");
        assertThat(AuthFixture.access(token)).isEmpty();
        assertError(client.get("/v2/_catalog", bearer(token)), 401, "UNAUTHORIZED");
    }

    @Test
    void aUserWithoutGrantsSeesAnEmptyCatalog() {
        auth.user("nobody", "nobody-pw");
        Response response = client.get("/v2/_catalog", basic("nobody", "nobody-pw"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("repositories")).isEmpty();
        assertThat(response.header("Link")).isNull();
    }

    @Test
    void aTagListNeedsPull() {
        auth.pushImage("secret/tags", "v1", ROOT);

        assertError(client.get("/v2/secret/tags/tags/list", basic("dev", "dev-pw")), 403, "DENIED");
        String token = auth.token("dev", "dev-pw", "repository:secret/tags:pull");
        assertThat(AuthFixture.access(token)).isEmpty();
        assertError(client.get("/v2/secret/tags/tags/list", bearer(token)), 401, "UNAUTHORIZED");
        assertThat(client.get("/v2/secret/tags/tags/list", ROOT).status()).isEqualTo(200);
    }

    @Test
    void aMountFromARepositoryTheCallerCannotReadStartsAnUploadInstead() {
        byte[] content = "secret layer".getBytes(StandardCharsets.UTF_8);
        String digest = client.pushBlob("secret/src", content, ROOT);
        long sessions = auth.uploadSessions();

        for (String query : List.of("?mount=" + digest + "&from=secret/src", "?mount=" + digest)) {
            Response response = client.post("/v2/team-a/mount-target/blobs/uploads/" + query, null,
                    basic("dev", "dev-pw"));

            assertThat(response.status()).as(response.describe()).isEqualTo(202);
            assertThat(response.header("Location")).startsWith("/v2/team-a/mount-target/blobs/uploads/");
            assertThat(registry.metadata().blobs().findLinked(RepositoryName.parse("team-a/mount-target"),
                    Digest.parse(digest))).isEmpty();
            assertError(client.get("/v2/team-a/mount-target/blobs/" + digest, basic("dev", "dev-pw")), 404,
                    "BLOB_UNKNOWN");
            // the session is the caller's to use or cancel
            assertThat(client.delete(response.header("Location"), basic("dev", "dev-pw")).status()).isEqualTo(204);
        }
        assertThat(auth.uploadSessions()).isEqualTo(sessions);
        // with a token: the same, whatever the token asked for the source
        String token = auth.token("dev", "dev-pw", "repository:team-a/mount-target:pull,push",
                "repository:secret/src:pull");
        Response response = client.post("/v2/team-a/mount-target/blobs/uploads/?mount=" + digest + "&from=secret/src",
                null, bearer(token));
        assertThat(response.status()).as(response.describe()).isEqualTo(202);
        assertThat(registry.metadata().blobs().findLinked(RepositoryName.parse("team-a/mount-target"),
                Digest.parse(digest))).isEmpty();
        client.delete(response.header("Location"), bearer(token));
    }

    @Test
    void aMountFromARepositoryTheCallerMayPullIsCreated() {
        byte[] content = "shared layer".getBytes(StandardCharsets.UTF_8);
        String digest = client.pushBlob("shared/src", content, ROOT);

        String token = auth.token("dev", "dev-pw", "repository:team-a/mounted:pull,push",
                "repository:shared/src:pull");
        Response response = client.post("/v2/team-a/mounted/blobs/uploads/?mount=" + digest + "&from=shared/src",
                null, bearer(token));

        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        assertThat(client.get("/v2/team-a/mounted/blobs/" + digest, bearer(token)).body()).isEqualTo(content);
    }

    @Test
    void deletingNeedsDelete() {
        String digest = auth.pushImage("team-a/del", "v1", ROOT);
        client.pushManifest("team-a/del", "v2", Manifests.OCI_MANIFEST, AuthFixture.manifest("team-a/del", "v1"),
                ROOT);
        String layer = Digests.sha256("layer of team-a/del:v1".getBytes(StandardCharsets.UTF_8));

        assertError(client.delete("/v2/team-a/del/manifests/" + digest, basic("dev", "dev-pw")), 403, "DENIED");
        assertError(client.delete("/v2/team-a/del/manifests/v1", basic("dev", "dev-pw")), 403, "DENIED");
        assertError(client.delete("/v2/team-a/del/blobs/" + layer, basic("dev", "dev-pw")), 403, "DENIED");
        String devToken = auth.token("dev", "dev-pw", "repository:team-a/del:pull,push,delete");
        assertThat(AuthFixture.access(devToken)).containsExactly("repository:team-a/del:pull,push");
        Response viaToken = client.delete("/v2/team-a/del/manifests/" + digest, bearer(devToken));
        assertError(viaToken, 401, "UNAUTHORIZED");
        assertThat(viaToken.header("WWW-Authenticate")).contains("scope=\"repository:team-a/del:delete\"");
        assertThat(client.get("/v2/team-a/del/manifests/v1", ROOT).status()).isEqualTo(200);

        assertThat(client.delete("/v2/team-a/del/manifests/v2", basic("maint", "maint-pw")).status()).isEqualTo(202);
        assertThat(client.delete("/v2/team-a/del/blobs/" + layer, basic("maint", "maint-pw")).status())
                .isEqualTo(202);
        String maintToken = auth.token("maint", "maint-pw", "repository:team-a/del:delete");
        assertThat(client.delete("/v2/team-a/del/manifests/" + digest, bearer(maintToken)).status()).isEqualTo(202);
        assertError(client.get("/v2/team-a/del/manifests/v1", ROOT), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void anonymousPullModeLetsAnyonePullButNotPush(@TempDir Path dir) throws Exception {
        try (TestRegistry pullOnly = TestRegistry.start(dir, AnonymousAccess.PULL)) {
            RegistryClient anyone = new RegistryClient(pullOnly);
            AuthFixture fixture = new AuthFixture(pullOnly, anyone);
            fixture.user("root", "root-pw", true);
            String digest = fixture.pushImage("open/app", "v1", ROOT);

            Response pulled = anyone.get("/v2/open/app/manifests/v1");
            assertThat(pulled.status()).as(pulled.describe()).isEqualTo(200);
            assertThat(pulled.header("Docker-Content-Digest")).isEqualTo(digest);
            assertThat(anyone.get("/v2/open/app/tags/list").status()).isEqualTo(200);
            assertThat(anyone.get("/v2/_catalog").json().get("repositories").get(0).asText()).isEqualTo("open/app");

            long sessions = fixture.uploadSessions();
            Response push = anyone.post("/v2/open/app/blobs/uploads/", null);
            assertError(push, 401, "UNAUTHORIZED");
            assertThat(push.header("WWW-Authenticate")).endsWith(",scope=\"repository:open/app:pull,push\"");
            assertError(anyone.put("/v2/open/app/manifests/v2", AuthFixture.manifest("open/app", "v1"),
                    "Content-Type", Manifests.OCI_MANIFEST), 401, "UNAUTHORIZED");
            assertError(anyone.delete("/v2/open/app/manifests/" + digest), 401, "UNAUTHORIZED");
            assertThat(fixture.uploadSessions()).isEqualTo(sessions);
            // the base endpoint still asks for credentials, so that docker login has something to log in to
            assertError(anyone.get("/v2/"), 401, "UNAUTHORIZED");
            // an anonymous token for pull works as well
            String token = fixture.anonymousToken("repository:open/app:pull,push");
            assertThat(AuthFixture.access(token)).containsExactly("repository:open/app:pull");
        }
    }

    @Test
    void anonymousPushModeOpensEverythingButAdministration(@TempDir Path dir) throws Exception {
        try (TestRegistry open = TestRegistry.start(dir, AnonymousAccess.PUSH)) {
            RegistryClient anyone = new RegistryClient(open);
            AuthFixture fixture = new AuthFixture(open, anyone);

            assertThat(anyone.get("/v2/").status()).isEqualTo(200);
            String digest = fixture.pushImage("any/app", "v1");
            assertThat(anyone.get("/v2/any/app/manifests/v1").status()).isEqualTo(200);
            assertThat(anyone.get("/v2/_catalog").status()).isEqualTo(200);
            assertThat(anyone.delete("/v2/any/app/manifests/" + digest).status()).isEqualTo(202);
            assertThat(anyone.get("/api/v1/users").status()).isIn(401, 403, 404);
        }
    }

    @Test
    void aPublicNamespaceLetsAnonymousCallersPullAndListIt(@TempDir Path dir) throws Exception {
        try (TestRegistry closed = TestRegistry.start(dir, AnonymousAccess.NONE)) {
            RegistryClient anyone = new RegistryClient(closed);
            AuthFixture fixture = new AuthFixture(closed, anyone);
            fixture.user("root", "root-pw", true);
            fixture.namespace("pub", true);
            fixture.pushImage("pub/app", "v1", ROOT);
            fixture.pushImage("private/app", "v1", ROOT);

            assertThat(anyone.get("/v2/pub/app/manifests/v1").status()).isEqualTo(200);
            assertError(anyone.get("/v2/private/app/manifests/v1"), 401, "UNAUTHORIZED");
            Response catalog = anyone.get("/v2/_catalog");
            assertThat(catalog.status()).as(catalog.describe()).isEqualTo(200);
            assertThat(catalog.json().get("repositories")).extracting(n -> n.asText()).containsExactly("pub/app");
            assertError(anyone.post("/v2/pub/app/blobs/uploads/", null), 401, "UNAUTHORIZED");
        }
    }
}
