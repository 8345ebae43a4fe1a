package io.stowage.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
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
 * Robot accounts ({@code robot$<name>} and a secret) driving skopeo, podman and Jib against a registry that lets
 * anonymous callers do nothing: a CI robot pushing and pulling within its scope, and a robot limited to one
 * repository refused everywhere else without leaving anything behind.
 */
class RobotAccountsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CI = "robot$ci";
    private static final String CI_SECRET = "ci-secret-" + RandomFiles.token();
    private static final String APP = "robot$app";
    private static final String APP_SECRET = "app-secret-" + RandomFiles.token();

    @TempDir
    static Path dir;
    private static SecuredRegistry registry;
    private static ContainerTools tools;
    private static OciLayouts layouts;
    private static Path source;
    /** Namespaces unique per run (see real-clients.md on the shared blob-info cache). */
    private static String ciSpace;
    private static String teamA;
    private static String teamB;

    @BeforeAll
    static void startRegistryAndBuildImages() throws Exception {
        String run = RandomFiles.token();
        ciSpace = "ci-" + run;
        teamA = "team-a-" + run;
        teamB = "team-b-" + run;
        registry = SecuredRegistry.start(dir, "none", seed -> seed
                .namespace(teamA)
                .namespace(teamB)
                .robot("ci", CI_SECRET, "repository:" + ciSpace + "/**:pull,push")
                .robot("app", APP_SECRET, "repository:" + teamA + "/app:pull,push"));
        tools = ContainerTools.configure(dir.resolve("tools"), registry.process());
        layouts = new OciLayouts(tools);
        source = layouts.create(dir.resolve("source"));
        for (String tag : List.of("ci", "app", "team-b", "other-attempt", "team-b-attempt")) {
            layouts.image(source, tag, "amd64",
                    List.of(RandomFiles.write(dir.resolve("content").resolve(tag).resolve("data.bin"), 50_000)));
        }
        // What another team already has, which the limited robot must neither read nor overwrite.
        tools.runOk("skopeo", "copy", "--dest-tls-verify=false", "--dest-creds",
                SecuredRegistry.ADMIN + ":" + SecuredRegistry.ADMIN_PASSWORD, "oci:" + source + ":team-b",
                docker(teamB + "/x") + ":1");
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void skopeoWithARobotSecretCopiesBothWaysInspectsAndListsTags() throws Exception {
        String repository = ciSpace + "/skopeo";
        String image = docker(repository) + ":1";
        String creds = CI + ":" + CI_SECRET;
        String digest = layouts.manifestDigest(source, "ci");
        tools.runOk("skopeo", "copy", "--dest-tls-verify=false", "--dest-creds", creds,
                "oci:" + source + ":ci", image);

        JsonNode inspected = JSON.readTree(tools.runOk("skopeo", "inspect", "--tls-verify=false", "--creds", creds,
                image).stdout());
        assertThat(inspected.path("Digest").asText()).as(inspected::toPrettyString).isEqualTo(digest);
        JsonNode listed = JSON.readTree(tools.runOk("skopeo", "list-tags", "--tls-verify=false", "--creds", creds,
                docker(repository)).stdout());
        assertThat(texts(listed.path("Tags"), null)).as(listed::toPrettyString).containsExactly("1");
        Path back = dir.resolve("ci-back");
        tools.runOk("skopeo", "copy", "--src-tls-verify=false", "--src-creds", creds, image, "oci:" + back + ":1");
        assertThat(layouts.manifestDigest(back, "1")).isEqualTo(digest);

        assertRefused(tools.run("skopeo", "inspect", "--tls-verify=false", "--creds", CI + ":wrong-secret", image));
    }

    @Test
    void podmanLogsInAsARobotPushesAndPulls() throws Exception {
        Path authFile = Files.writeString(dir.resolve("robot-auth.json"), "{}");
        String auth = authFile.toString();
        String repository = ciSpace + "/podman";
        String image = registry.hostPort() + "/" + repository + ":1";
        ContainerTools builder = tools("podman-builder");
        String local = "localhost/robot-podman:1";
        String builtId = CredentialedClients.podmanBuild(builder, dir.resolve("podman-context"), local);

        builder.runOk("podman", "login", "--tls-verify=false", "--authfile", auth, "-u", CI, "-p", CI_SECRET,
                registry.hostPort());
        Path digestFile = dir.resolve("podman.digest");
        builder.runOk("podman", "push", "--tls-verify=false", "--authfile", auth,
                "--digestfile", digestFile.toString(), local, image);
        assertThat(registry.manifestDigest(repository, "1")).isEqualTo(Files.readString(digestFile).strip());

        CommandResult pull = tools("podman-puller").runOk("podman", "pull", "--tls-verify=false",
                "--authfile", auth, image);
        assertThat(pull.stdout().strip()).as(pull::describe).isEqualTo(builtId);
        builder.runOk("podman", "logout", "--authfile", auth, registry.hostPort());
    }

    @Test
    void jibPushesWithARobotSecret() throws Exception {
        String repository = ciSpace + "/jib";
        Path file = RandomFiles.write(dir.resolve("jib/app.bin"), 100_000);
        JibContainer pushed = CredentialedClients.containerize(
                Jib.fromScratch().addLayer(List.of(file), AbsoluteUnixPath.get("/app")).setEntrypoint("/app/app.bin"),
                RegistryImage.named(registry.hostPort() + "/" + repository + ":1").addCredential(CI, CI_SECRET),
                dir.resolve("jib-cache"), registry.process());

        HttpResponse<String> manifest = registry.get("/v2/" + repository + "/manifests/1", CI, CI_SECRET);
        assertThat(manifest.statusCode()).as(manifest::body).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).hasValue(pushed.getDigest().toString());
        assertThat(texts(JSON.readTree(manifest.body()).path("layers"), "digest")).hasSize(1);
    }

    @Test
    void robotLimitedToOneRepositoryIsRefusedEverywhereElseAndLeavesNothingBehind() throws Exception {
        String creds = APP + ":" + APP_SECRET;
        String own = teamA + "/app";
        tools.runOk("skopeo", "copy", "--dest-tls-verify=false", "--dest-creds", creds, "oci:" + source + ":app",
                docker(own) + ":1");
        assertThat(registry.manifestDigest(own, "1")).isEqualTo(layouts.manifestDigest(source, "app"));
        tools.runOk("skopeo", "copy", "--src-tls-verify=false", "--src-creds", creds, docker(own) + ":1",
                "oci:" + dir.resolve("app-back") + ":1");

        String sibling = teamA + "/other";
        String siblingAttempt = layouts.manifestDigest(source, "other-attempt");
        assertRefused(tools.run("skopeo", "copy", "--dest-tls-verify=false", "--dest-creds", creds,
                "oci:" + source + ":other-attempt", docker(sibling) + ":1"));
        assertThat(registry.tags(sibling)).isEmpty();
        assertThat(registry.catalog()).doesNotContain(sibling);
        assertNoManifestNorLayers(sibling, siblingAttempt);

        String foreign = teamB + "/x";
        String foreignAttempt = layouts.manifestDigest(source, "team-b-attempt");
        assertRefused(tools.run("skopeo", "copy", "--dest-tls-verify=false", "--dest-creds", creds,
                "oci:" + source + ":team-b-attempt", docker(foreign) + ":2"));
        assertThat(registry.tags(foreign)).as("only what the other team pushed").containsExactly("1");
        assertThat(registry.manifestDigest(foreign, "1")).isEqualTo(layouts.manifestDigest(source, "team-b"));
        assertNoManifestNorLayers(foreign, foreignAttempt);

        assertRefused(tools.run("skopeo", "copy", "--src-tls-verify=false", "--src-creds", creds,
                docker(foreign) + ":1", "oci:" + dir.resolve("foreign-back") + ":1"));
        assertRefused(tools.run("skopeo", "inspect", "--tls-verify=false", "--creds", creds, docker(foreign) + ":1"));
        assertRefused(tools("app-podman").run("podman", "pull", "--tls-verify=false", "--creds", creds,
                registry.hostPort() + "/" + foreign + ":1"));
    }

    private static void assertNoManifestNorLayers(String repository, String manifestDigest) throws Exception {
        assertThat(registry.hasManifest(repository, manifestDigest)).isFalse();
        List<String> layers = texts(JSON.readTree(OciLayouts.readBlob(source, manifestDigest)).path("layers"),
                "digest");
        for (String layer : layers) {
            assertThat(registry.hasBlob(repository, layer)).as(layer).isFalse();
        }
    }

    private static String docker(String repository) {
        return "docker://" + registry.hostPort() + "/" + repository;
    }

    private static ContainerTools tools(String role) throws Exception {
        return ContainerTools.configure(dir.resolve(role), registry.process());
    }

    /** The array's values, or each element's {@code field} when it is not null. */
    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add((field == null ? value : value.path(field)).asText()));
        return values;
    }
}
