package io.stowage.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import io.stowage.metadata.PrincipalKind;
import io.stowage.metadata.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.stowage.interop.CredentialedClients.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * skopeo, podman, buildah and Jib with user credentials against a registry that lets anonymous callers do nothing:
 * logging in, pushing and pulling back; refusals without credentials, after logging out and beyond a user's role,
 * which must leave nothing behind.
 */
class AuthenticatedClientsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVELOPER = "dev";
    private static final String DEVELOPER_PASSWORD = "dev-pw-" + RandomFiles.token();
    private static final String READER = "reader";
    private static final String READER_PASSWORD = "reader-pw-" + RandomFiles.token();

    @TempDir
    static Path dir;
    private static SecuredRegistry registry;
    private static ContainerTools tools;
    private static OciLayouts layouts;
    private static Path source;
    /** {@code apps-<run>}: the namespace both users have a role in, unique per run (see real-clients.md). */
    private static String apps;

    @BeforeAll
    static void startRegistryAndBuildImages() throws Exception {
        apps = "apps-" + RandomFiles.token();
        registry = SecuredRegistry.start(dir, "none", seed -> seed
                .namespace(apps)
                .user(DEVELOPER, DEVELOPER_PASSWORD)
                .user(READER, READER_PASSWORD)
                .grant(apps, PrincipalKind.USER, DEVELOPER, Role.DEVELOPER)
                .grant(apps, PrincipalKind.USER, READER, Role.READER));
        tools = ContainerTools.configure(dir.resolve("tools"), registry.process());
        layouts = new OciLayouts(tools);
        source = layouts.create(dir.resolve("source"));
        // One image per test, each with content of its own: a refused push is then checked for blobs no other test
        // could have pushed, and no client can satisfy an upload with a mount from another test's repository.
        for (String tag : List.of("skopeo", "anonymous", "shared", "reader-attempt")) {
            layouts.image(source, tag, "amd64",
                    List.of(RandomFiles.write(dir.resolve("content").resolve(tag).resolve("data.bin"), 50_000)));
        }
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void podmanLogsInPushesPullsAndIsRefusedOnceLoggedOut() throws Exception {
        Path authFile = Files.writeString(dir.resolve("podman-auth.json"), "{}");
        String auth = authFile.toString();
        String repository = apps + "/podman";
        String image = registry.hostPort() + "/" + repository + ":1";
        ContainerTools builder = tools("podman-builder");
        String local = "localhost/auth-podman:1";
        String builtId = CredentialedClients.podmanBuild(builder, dir.resolve("podman-context"), local);

        builder.runOk("podman", "login", "--tls-verify=false", "--authfile", auth,
                "-u", DEVELOPER, "-p", DEVELOPER_PASSWORD, registry.hostPort());
        assertThat(Files.readString(authFile)).as("podman keeps the login").contains(registry.hostPort());
        Path digestFile = dir.resolve("podman.digest");
        builder.runOk("podman", "push", "--tls-verify=false", "--authfile", auth,
                "--digestfile", digestFile.toString(), local, image);
        String pushed = Files.readString(digestFile).strip();
        assertThat(registry.tags(repository)).containsExactly("1");
        assertThat(registry.manifestDigest(repository, "1")).isEqualTo(pushed);

        ContainerTools puller = tools("podman-puller");
        CommandResult pull = puller.runOk("podman", "pull", "--tls-verify=false", "--authfile", auth, image);
        assertThat(pull.stdout().strip()).as(pull::describe).isEqualTo(builtId);

        builder.runOk("podman", "logout", "--authfile", auth, registry.hostPort());
        assertThat(Files.readString(authFile)).as("podman forgot the login").doesNotContain(registry.hostPort());
        assertRefused(tools("podman-logged-out").run("podman", "pull", "--tls-verify=false", "--authfile", auth,
                image));
    }

    @Test
    void skopeoCopiesWithCredentialsBothWaysInspectsAndListsTags() throws Exception {
        String repository = apps + "/skopeo";
        String image = docker(repository) + ":1";
        String creds = DEVELOPER + ":" + DEVELOPER_PASSWORD;
        String digest = layouts.manifestDigest(source, "skopeo");
        Path digestFile = dir.resolve("skopeo.digest");
        tools.runOk("skopeo", "copy", "--dest-tls-verify=false", "--dest-creds", creds,
                "--digestfile", digestFile.toString(), "oci:" + source + ":skopeo", image);
        assertThat(Files.readString(digestFile).strip()).isEqualTo(digest);
        tools.runOk("skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--src-creds", creds,
                "--dest-creds", creds, image, docker(repository) + ":2");

        JsonNode inspected = JSON.readTree(tools.runOk("skopeo", "inspect", "--tls-verify=false", "--creds", creds,
                image).stdout());
        assertThat(inspected.path("Digest").asText()).as(inspected::toPrettyString).isEqualTo(digest);
        JsonNode listed = JSON.readTree(tools.runOk("skopeo", "list-tags", "--tls-verify=false", "--creds", creds,
                docker(repository)).stdout());
        assertThat(texts(listed.path("Tags"))).as(listed::toPrettyString).containsExactlyInAnyOrder("1", "2");

        Path back = dir.resolve("skopeo-back");
        tools.runOk("skopeo", "copy", "--src-tls-verify=false", "--src-creds", creds, image, "oci:" + back + ":1");
        assertThat(layouts.manifestDigest(back, "1")).isEqualTo(digest);
        for (String layer : layers(source, digest)) {
            assertThat(Sha256.of(Files.newInputStream(OciLayouts.blob(back, layer))).digest()).isEqualTo(layer);
        }

        assertRefused(tools.run("skopeo", "inspect", "--tls-verify=false", image));
        assertRefused(tools.run("skopeo", "inspect", "--tls-verify=false", "--creds",
                DEVELOPER + ":not-the-password", image));
        assertRefused(tools.run("skopeo", "list-tags", "--tls-verify=false", docker(repository)));
    }

    @Test
    void buildahPushesWithCredsAndPullsBackAfterLoggingIn() throws Exception {
        String repository = apps + "/buildah";
        String image = "docker://" + registry.hostPort() + "/" + repository + ":1";
        ContainerTools builder = tools("buildah-builder");
        String container = builder.runOk("buildah", "from", "scratch").stdout().strip();
        Path file = RandomFiles.write(dir.resolve("buildah-content/app.bin"), 150_000);
        builder.runOk("buildah", "copy", container, file.toString(), "/app.bin");
        builder.runOk("buildah", "config", "--entrypoint", "[\"/app.bin\"]", container);
        String local = "localhost/auth-buildah:1";
        builder.runOk("buildah", "commit", "--format", "oci", container, local);
        builder.runOk("buildah", "rm", container);
        String builtId = CredentialedClients.imageId(builder, local);

        assertRefused(builder.run("buildah", "push", "--tls-verify=false", local, image));
        assertThat(registry.tags(repository)).as("nothing pushed without credentials").isEmpty();
        Path digestFile = dir.resolve("buildah.digest");
        builder.runOk("buildah", "push", "--tls-verify=false", "--creds", DEVELOPER + ":" + DEVELOPER_PASSWORD,
                "--digestfile", digestFile.toString(), local, image);
        assertThat(registry.manifestDigest(repository, "1")).isEqualTo(Files.readString(digestFile).strip());

        ContainerTools puller = tools("buildah-puller");
        puller.runOk("buildah", "login", "--tls-verify=false", "-u", DEVELOPER, "-p", DEVELOPER_PASSWORD,
                registry.hostPort());
        puller.runOk("buildah", "pull", "--tls-verify=false", image);
        assertThat(CredentialedClients.imageId(puller, registry.hostPort() + "/" + repository + ":1"))
                .isEqualTo(builtId);
        puller.runOk("buildah", "logout", registry.hostPort());
    }

    @Test
    void jibPushesWithCredentialsAndPullsTheImageBackAsABase() throws Exception {
        String repository = apps + "/jib";
        String reference = registry.hostPort() + "/" + repository;
        List<Path> files = List.of(RandomFiles.write(dir.resolve("jib/app.jar"), 300_000),
                Files.writeString(dir.resolve("jib/run.sh"), "#!/bin/sh\nexec java -jar /app/app.jar\n"));
        JibContainer pushed = CredentialedClients.containerize(
                Jib.fromScratch().addLayer(files, AbsoluteUnixPath.get("/app")).setEntrypoint("/app/run.sh"),
                RegistryImage.named(reference + ":1").addCredential(DEVELOPER, DEVELOPER_PASSWORD),
                dir.resolve("jib-cache/push"), registry.process());
        assertThat(registry.manifestDigest(repository, "1")).isEqualTo(pushed.getDigest().toString());

        // Jib pulls the image it pushed, as the base of another: reading with credentials, through Jib's own client.
        Path extra = RandomFiles.write(dir.resolve("jib-extra/extra.bin"), 20_000);
        JibContainer derived = CredentialedClients.containerize(
                Jib.from(RegistryImage.named(reference + ":1").addCredential(DEVELOPER, DEVELOPER_PASSWORD))
                        .addLayer(List.of(extra), AbsoluteUnixPath.get("/extra")),
                RegistryImage.named(reference + ":derived").addCredential(DEVELOPER, DEVELOPER_PASSWORD),
                dir.resolve("jib-cache/derived"), registry.process());

        JsonNode base = manifest(repository, "1", DEVELOPER, DEVELOPER_PASSWORD);
        JsonNode built = manifest(repository, derived.getDigest().toString(), DEVELOPER, DEVELOPER_PASSWORD);
        List<String> baseLayers = texts(base.path("layers"), "digest");
        assertThat(baseLayers).hasSize(1);
        assertThat(texts(built.path("layers"), "digest")).as(built::toPrettyString).hasSize(2)
                .startsWith(baseLayers.getFirst());

        HttpResponse<String> anonymous = registry.get("/v2/" + repository + "/manifests/1", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(
                challenge).startsWith("Bearer realm=").contains("scope=\"repository:" + repository + ":pull\""));
    }

    @Test
    void anonymousPushesAreRefusedAndLeaveNothingBehind() throws Exception {
        String repository = apps + "/anonymous";
        String digest = layouts.manifestDigest(source, "anonymous");
        assertRefused(tools.run("skopeo", "copy", "--dest-tls-verify=false", "oci:" + source + ":anonymous",
                docker(repository) + ":skopeo"));

        ContainerTools podman = tools("anonymous-podman");
        String local = "localhost/auth-anonymous:1";
        CredentialedClients.podmanBuild(podman, dir.resolve("anonymous-context"), local);
        assertRefused(podman.run("podman", "push", "--tls-verify=false", local,
                registry.hostPort() + "/" + repository + ":podman"));

        assertNothingWritten(repository, digest);
    }

    @Test
    void readerPullsButCannotPushWhileDeveloperCan() throws Exception {
        String repository = apps + "/shared";
        String digest = layouts.manifestDigest(source, "shared");
        tools.runOk("skopeo", "copy", "--dest-tls-verify=false", "--dest-creds",
                DEVELOPER + ":" + DEVELOPER_PASSWORD, "oci:" + source + ":shared", docker(repository) + ":1");

        String reader = READER + ":" + READER_PASSWORD;
        Path back = dir.resolve("reader-back");
        tools.runOk("skopeo", "copy", "--src-tls-verify=false", "--src-creds", reader, docker(repository) + ":1",
                "oci:" + back + ":1");
        assertThat(layouts.manifestDigest(back, "1")).isEqualTo(digest);
        ContainerTools podman = tools("reader-podman");
        podman.runOk("podman", "pull", "--tls-verify=false", "--creds", reader,
                registry.hostPort() + "/" + repository + ":1");

        String attempt = layouts.manifestDigest(source, "reader-attempt");
        assertRefused(tools.run("skopeo", "copy", "--dest-tls-verify=false", "--dest-creds", reader,
                "oci:" + source + ":reader-attempt", docker(repository) + ":2"));
        assertRefused(podman.run("podman", "push", "--tls-verify=false", "--creds", reader,
                registry.hostPort() + "/" + repository + ":1", registry.hostPort() + "/" + repository + ":3"));
        assertThat(registry.tags(repository)).containsExactly("1");
        assertThat(registry.hasManifest(repository, attempt)).isFalse();
        for (String layer : layers(source, attempt)) {
            assertThat(registry.hasBlob(repository, layer)).as(layer).isFalse();
        }
    }

    /** No tag, manifest or layer of the refused image in the repository, and the repository is not listed. */
    private static void assertNothingWritten(String repository, String manifestDigest) throws Exception {
        assertThat(registry.tags(repository)).isEmpty();
        assertThat(registry.catalog()).doesNotContain(repository);
        assertThat(registry.hasManifest(repository, manifestDigest)).isFalse();
        for (String layer : layers(source, manifestDigest)) {
            assertThat(registry.hasBlob(repository, layer)).as(layer).isFalse();
        }
    }

    private static JsonNode manifest(String repository, String reference, String username, String password)
            throws Exception {
        HttpResponse<String> response = registry.get("/v2/" + repository + "/manifests/" + reference, username,
                password);
        assertThat(response.statusCode()).as(response::body).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> layers(Path layout, String manifestDigest) throws Exception {
        return texts(JSON.readTree(OciLayouts.readBlob(layout, manifestDigest)).path("layers"), "digest");
    }

    private static String docker(String repository) {
        return "docker://" + registry.hostPort() + "/" + repository;
    }

    /** Every test role gets its own container storage, so a pull cannot be satisfied from a local copy. */
    private static ContainerTools tools(String role) throws Exception {
        return ContainerTools.configure(dir.resolve(role), registry.process());
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.path(field).asText()));
        return values;
    }
}
