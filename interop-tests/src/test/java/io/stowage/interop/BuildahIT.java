package io.stowage.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** buildah pushing an image built from scratch, and a two-platform manifest list with {@code --all}. */
class BuildahIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ARCHITECTURES = List.of("amd64", "arm64");

    @TempDir
    static Path dir;
    private static RegistryUnderTest registry;
    private static ContainerTools tools;
    /** {@code 127.0.0.1:PORT/buildah-<run>}: unique per run (see real-clients.md on the shared cache). */
    private static String namespace;

    @BeforeAll
    static void startRegistryAndBuildImages() throws Exception {
        registry = RegistryUnderTest.start(dir);
        tools = ContainerTools.configure(dir.resolve("tools"), registry);
        namespace = registry.hostPort() + "/buildah-" + RandomFiles.token();
        for (String architecture : ARCHITECTURES) {
            String container = tools.runOk("buildah", "from", "scratch").stdout().strip();
            Path file = RandomFiles.write(dir.resolve("content").resolve(architecture + ".bin"), 200_000);
            tools.runOk("buildah", "copy", container, file.toString(), "/app.bin");
            tools.runOk("buildah", "config", "--arch", architecture, "--os", "linux",
                    "--entrypoint", "[\"/app.bin\"]", container);
            tools.runOk("buildah", "commit", "--format", "oci", container, local(architecture));
            tools.runOk("buildah", "rm", container);
        }
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.stop();
        }
    }

    @Test
    void pushedImageIsServedUnderItsDigestWithItsPlatform() throws Exception {
        String image = "docker://" + namespace + "/single:1";
        String digest = push(List.of("push"), local("arm64"), image);

        String raw = inspect("--raw", image);
        assertThat(Sha256.digestOf(raw.getBytes(StandardCharsets.UTF_8))).as(raw).isEqualTo(digest);
        JsonNode inspected = JSON.readTree(inspect(image));
        assertThat(inspected.path("Digest").asText()).isEqualTo(digest);
        assertThat(inspected.path("Architecture").asText()).as(inspected::toPrettyString).isEqualTo("arm64");
    }

    @Test
    void manifestListPushedWithAllIsServedWithBothPlatforms() throws Exception {
        String list = "localhost/buildah-list:1";
        tools.runOk("buildah", "manifest", "create", list);
        for (String architecture : ARCHITECTURES) {
            tools.runOk("buildah", "manifest", "add", "--arch", architecture, "--os", "linux", list,
                    "containers-storage:" + local(architecture));
        }
        String repository = "docker://" + namespace + "/multi";
        String digest = push(List.of("manifest", "push", "--all"), list, repository + ":1");

        String raw = inspect("--raw", repository + ":1");
        assertThat(Sha256.digestOf(raw.getBytes(StandardCharsets.UTF_8))).as(raw).isEqualTo(digest);
        JsonNode index = JSON.readTree(raw);
        assertThat(index.path("mediaType").asText()).as(raw).isIn(OciLayouts.INDEX_MEDIA_TYPE,
                "application/vnd.docker.distribution.manifest.list.v2+json");
        List<String> platforms = new ArrayList<>();
        for (JsonNode child : index.path("manifests")) {
            String childDigest = child.path("digest").asText();
            String architecture = child.path("platform").path("architecture").asText();
            platforms.add(architecture);
            String childRaw = inspect("--raw", repository + "@" + childDigest);
            assertThat(Sha256.digestOf(childRaw.getBytes(StandardCharsets.UTF_8))).as(childRaw).isEqualTo(childDigest);
            JsonNode config = JSON.readTree(inspect("--config", "--raw", repository + "@" + childDigest));
            assertThat(config.path("architecture").asText()).as("config of the %s child", architecture)
                    .isEqualTo(architecture);
        }
        assertThat(platforms).as(raw).containsExactlyInAnyOrderElementsOf(ARCHITECTURES);
    }

    /** Runs {@code buildah <subcommand> ... <source> <destination>} and returns the digest buildah pushed. */
    private static String push(List<String> subcommand, String source, String destination) throws Exception {
        Path digestFile = Files.createTempFile(dir, "pushed", ".digest");
        List<String> command = new ArrayList<>(List.of("buildah"));
        command.addAll(subcommand);
        command.addAll(List.of("--tls-verify=false", "--digestfile", digestFile.toString(), source, destination));
        tools.runOk(command.toArray(String[]::new));
        return Files.readString(digestFile).strip();
    }

    /** {@code skopeo inspect}'s stdout: the reference is checked independently of buildah. */
    private static String inspect(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo", "inspect", "--tls-verify=false"));
        command.addAll(List.of(arguments));
        return tools.runOk(command.toArray(String[]::new)).stdout();
    }

    private static String local(String architecture) {
        return "localhost/buildah-" + architecture + ":1";
    }
}
