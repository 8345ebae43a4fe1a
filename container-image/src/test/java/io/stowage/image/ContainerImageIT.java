package io.stowage.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.RegistryImage;
import io.stowage.interop.CommandResult;
import io.stowage.interop.ContainerTools;
import io.stowage.interop.OciRuntime;
import io.stowage.interop.RegistryProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image built from the real stowage.jar, pushed into Stowage itself, checked through the registry API and with
 * skopeo, then pulled and run by podman: the containerised registry must serve a push and a pull of its own.
 */
class ContainerImageIT {

    private static final String REPOSITORY = "stowage/server";
    private static final String TAG = "test";
    private static final String VERSION = "0.1.0-it";
    private static final String SOURCE = "https://example.org/stowage";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static RegistryProcess registry;
    private static RegistryApi api;
    private static String reference;
    private static String pushedDigest;

    @BeforeAll
    static void buildAndPush() throws Exception {
        registry = RegistryProcess.start(dir.resolve("data"));
        api = new RegistryApi(registry.hostPort());
        reference = registry.hostPort() + "/" + REPOSITORY + ":" + TAG;
        try (ImageRecipe recipe = ImageRecipe.forJar(RegistryProcess.jar(), VERSION)) {
            recipe.source(SOURCE);
            // Plain HTTP on loopback; no credentials, so Jib needs no sendCredentialsOverHttp.
            pushedDigest = recipe.containerize(Containerizer.to(RegistryImage.named(reference))
                    .setAllowInsecureRegistries(true));
        }
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.stop();
        }
    }

    @Test
    void theTagNamesAnOciManifestWhoseDigestIsTheOneJibReturned() throws Exception {
        HttpResponse<byte[]> manifest = api.manifest(REPOSITORY, TAG);

        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Content-Type")).contains(RegistryApi.OCI_MANIFEST);
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(pushedDigest);
        assertThat(RegistryApi.sha256(manifest.body())).isEqualTo(pushedDigest);
        assertThat(JSON.readTree(manifest.body()).path("mediaType").asText()).isEqualTo(RegistryApi.OCI_MANIFEST);
    }

    @Test
    void theConfigSaysHowTheRegistryRuns() throws Exception {
        JsonNode image = config();
        JsonNode config = image.path("config");

        assertThat(image.path("architecture").asText()).isEqualTo("amd64");
        assertThat(image.path("os").asText()).isEqualTo("linux");
        // Spelled out rather than taken from ImageLayout or jvm.options: this is the contract users and the Kubernetes
        // manifests see. The options are the shipped defaults (registry-server/src/main/resources/jvm.options).
        assertThat(strings(config.path("Entrypoint"))).containsExactly("/opt/java/bin/java",
                "-XX:+UseSerialGC", "-Xmx96m", "-Xms24m", "-jar", "/app/stowage.jar");
        assertThat(strings(config.path("Cmd")))
                .containsExactly("serve", "--listen", "0.0.0.0:5000", "--data", "/var/lib/stowage");
        assertThat(config.path("User").asText()).isEqualTo("65532:65532");
        assertThat(names(config.path("ExposedPorts"))).containsExactly("5000/tcp");
        assertThat(strings(config.path("Env"))).noneMatch(e -> e.startsWith("JAVA_TOOL_OPTIONS="));
        assertThat(config.path("Labels").path(ImageRecipe.TITLE_LABEL).asText()).isEqualTo("stowage");
        assertThat(config.path("Labels").path(ImageRecipe.VERSION_LABEL).asText()).isEqualTo(VERSION);
        assertThat(config.path("Labels").path(ImageRecipe.SOURCE_LABEL).asText()).isEqualTo(SOURCE);
    }

    @Test
    void everyLayerIsServedWithItsDigestAndSize() throws Exception {
        JsonNode layers = JSON.readTree(api.manifest(REPOSITORY, TAG).body()).path("layers");

        // Native libraries, system files, Java runtime, application.
        assertThat(layers).hasSize(4);
        for (JsonNode layer : layers) {
            String digest = layer.path("digest").asText();
            HttpResponse<byte[]> blob = api.blob(REPOSITORY, digest);
            assertThat(blob.statusCode()).as(digest).isEqualTo(200);
            assertThat(RegistryApi.sha256(blob.body())).as(digest).isEqualTo(digest);
            assertThat((long) blob.body().length).as(digest).isEqualTo(layer.path("size").asLong());
        }
    }

    @Test
    void skopeoSeesTheSameImage() throws Exception {
        CommandResult inspect = tools("skopeo").runOk("skopeo", "inspect", "--tls-verify=false",
                "docker://" + reference);
        JsonNode seen = JSON.readTree(inspect.stdout());
        List<String> manifestLayers = new ArrayList<>();
        JSON.readTree(api.manifest(REPOSITORY, TAG).body()).path("layers")
                .forEach(l -> manifestLayers.add(l.path("digest").asText()));

        assertThat(seen.path("Digest").asText()).as(inspect::describe).isEqualTo(pushedDigest);
        assertThat(seen.path("Architecture").asText()).isEqualTo("amd64");
        assertThat(seen.path("Os").asText()).isEqualTo("linux");
        assertThat(strings(seen.path("Layers"))).containsExactlyElementsOf(manifestLayers);
        assertThat(seen.path("Labels").path(ImageRecipe.VERSION_LABEL).asText()).isEqualTo(VERSION);
    }

    @Test
    void podmanRunsTheImageAsARegistryThatServesAPushAndAPull() throws Exception {
        ContainerTools podman = tools("podman");
        podman.runOk("podman", "pull", "--tls-verify=false", reference);
        int port = freePort();
        String container = "stowage-image-it-" + port;
        try {
            // Host networking: the container needs no network namespace setup, and its loopback port is the test's.
            podman.runOk("podman", "run", "-d", "--network", "host", "--name", container, reference,
                    "serve", "--listen", "127.0.0.1:" + port, "--data", "/var/lib/stowage");
            RegistryApi inContainer = new RegistryApi("127.0.0.1:" + port);
            awaitStart(podman, container, inContainer);

            assertThat(podman.runOk("podman", "top", container, "huser").stdout().strip().lines().skip(1))
                    .as("the registry runs as the image's user, not root").containsExactly("65532");
            assertPushAndPull(inContainer);

            // SIGTERM to PID 1: the JVM must shut down by itself, well within podman's 30 s, not be killed.
            podman.runOk("podman", "stop", "--time", "30", container);
            CommandResult logs = podman.runOk("podman", "logs", container);
            assertThat(logs.stdout() + logs.stderr()).as(logs::describe).contains("shutting down", "stopped");
        } finally {
            podman.run("podman", "rm", "--force", "--time", "0", container);
        }
    }

    /** A small image of its own, pushed into the containerised registry and read back byte for byte. */
    private static void assertPushAndPull(RegistryApi inContainer) throws Exception {
        String repository = "smoke/hello";
        byte[] layer = "hello from inside the Stowage container\n".getBytes(StandardCharsets.UTF_8);
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] manifest = """
                {"schemaVersion":2,"mediaType":"%s",
                 "config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"%s","size":%d},
                 "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%s","size":%d}]}
                """.formatted(RegistryApi.OCI_MANIFEST, RegistryApi.sha256(config), config.length,
                RegistryApi.sha256(layer), layer.length).getBytes(StandardCharsets.UTF_8);

        assertThat(inContainer.pushBlob(repository, config).statusCode()).isEqualTo(201);
        assertThat(inContainer.pushBlob(repository, layer).statusCode()).isEqualTo(201);
        assertThat(inContainer.putManifest(repository, "v1", manifest).statusCode()).isEqualTo(201);

        assertThat(inContainer.manifest(repository, "v1").body()).isEqualTo(manifest);
        assertThat(inContainer.blob(repository, RegistryApi.sha256(layer)).body()).isEqualTo(layer);
    }

    /** Polls {@code GET /v2/}; a container that exited fails at once, with its logs, instead of after the timeout. */
    private static void awaitStart(ContainerTools podman, String container, RegistryApi inContainer)
            throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (inContainer.answers()) {
                return;
            }
            String running = podman.runOk("podman", "inspect", "--format", "{{.State.Running}}", container)
                    .stdout().strip();
            if (!running.equals("true")) {
                throw new AssertionError("the container exited:\n" + podman.run("podman", "logs", container)
                        .describe());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the containerised registry did not answer GET /v2/ in " + START_TIMEOUT + ":\n"
                + podman.run("podman", "logs", container).describe());
    }

    private static JsonNode config() throws Exception {
        String digest = JSON.readTree(api.manifest(REPOSITORY, TAG).body()).path("config").path("digest").asText();
        HttpResponse<byte[]> blob = api.blob(REPOSITORY, digest);
        assertThat(RegistryApi.sha256(blob.body())).isEqualTo(digest);
        return JSON.readTree(blob.body());
    }

    /**
     * Every tool gets configuration and storage of its own, in the test's directory; podman runs the image, so it
     * needs a runtime that can start containers on this host.
     */
    private static ContainerTools tools(String role) throws IOException {
        return ContainerTools.configure(dir.resolve(role), registry, OciRuntime.forThisHost());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
