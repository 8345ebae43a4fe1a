package io.stowage.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jib building an image from scratch and pushing it in each of its formats; the result is checked with plain HTTP
 * requests, independently of Jib.
 */
class JibIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    @TempDir
    static Path dir;
    private static RegistryUnderTest registry;
    /** {@code jib-<run>/app}: unique per run, like the other clients' repositories. */
    private static String repository;
    private static List<Path> files;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = RegistryUnderTest.start(dir);
        repository = "jib-" + RandomFiles.token() + "/app";
        Path content = dir.resolve("content");
        files = List.of(RandomFiles.write(content.resolve("app.jar"), 700_000),
                RandomFiles.write(content.resolve("lib.so"), 30_000),
                Files.writeString(content.resolve("run.sh"), "#!/bin/sh\nexec java -jar /app/app.jar\n"));
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void pushedImageIsServedWithEveryBlob(ImageFormat format) throws Exception {
        String tag = format.name().toLowerCase();
        JibContainer pushed = push(format, tag);
        String expectedType = format == ImageFormat.OCI ? OCI_MANIFEST : DOCKER_MANIFEST;

        for (String reference : List.of(tag, tag + "-also", pushed.getDigest().toString())) {
            HttpResponse<byte[]> manifest = get("/manifests/" + reference);
            assertThat(manifest.statusCode()).as(reference).isEqualTo(200);
            assertThat(manifest.headers().firstValue("Content-Type")).as(reference).hasValue(expectedType);
            assertThat(manifest.headers().firstValue("Docker-Content-Digest")).as(reference)
                    .hasValue(pushed.getDigest().toString());
            assertThat(Sha256.digestOf(manifest.body())).as(reference).isEqualTo(pushed.getDigest().toString());
        }

        JsonNode manifest = JSON.readTree(get("/manifests/" + tag).body());
        JsonNode configDescriptor = manifest.path("config");
        assertThat(configDescriptor.path("digest").asText()).isEqualTo(pushed.getImageId().toString());
        JsonNode config = JSON.readTree(fetchBlob(configDescriptor));
        assertThat(config.path("config").path("Entrypoint").toString()).isEqualTo("[\"/app/run.sh\"]");

        JsonNode layers = manifest.path("layers");
        JsonNode diffIds = config.path("rootfs").path("diff_ids");
        assertThat(layers).hasSize(1);
        assertThat(diffIds).hasSize(1);
        byte[] layer = fetchBlob(layers.get(0));
        // The config names each layer by the digest of its uncompressed tar: this ties layer content to the image.
        try (GZIPInputStream uncompressed = new GZIPInputStream(new ByteArrayInputStream(layer))) {
            assertThat(Sha256.of(uncompressed).digest()).isEqualTo(diffIds.get(0).asText());
        }
    }

    private static JibContainer push(ImageFormat format, String tag) throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Containerizer containerizer = Containerizer
                .to(RegistryImage.named(registry.hostPort() + "/" + repository + ":" + tag))
                .withAdditionalTag(tag + "-also")
                .setAllowInsecureRegistries(true)
                // Jib's default caches live in the user's home; a test must neither read nor fill them.
                .setBaseImageLayersCache(dir.resolve("jib-cache/base"))
                .setApplicationLayersCache(dir.resolve("jib-cache/application-" + tag))
                .addEventHandler(LogEvent.class, event -> log.add(event.getLevel() + " " + event.getMessage()));
        try {
            JibContainer container = Jib.fromScratch()
                    .addLayer(files, AbsoluteUnixPath.get("/app"))
                    .setEntrypoint("/app/run.sh")
                    .setFormat(format)
                    .containerize(containerizer);
            assertThat(container.isImagePushed()).as(String.join("\n", log)).isTrue();
            return container;
        } catch (Exception e) {
            throw new AssertionError("Jib failed to push; its log:\n" + String.join("\n", log)
                    + "\nregistry output:\n" + registry.output(), e);
        }
    }

    /** Fetches a blob and checks it against its descriptor: the size and the digest must both match. */
    private static byte[] fetchBlob(JsonNode descriptor) throws Exception {
        String digest = descriptor.path("digest").asText();
        HttpResponse<byte[]> blob = get("/blobs/" + digest);
        assertThat(blob.statusCode()).as(digest).isEqualTo(200);
        assertThat((long) blob.body().length).as(digest).isEqualTo(descriptor.path("size").asLong());
        assertThat(Sha256.digestOf(blob.body())).isEqualTo(digest);
        return blob.body();
    }

    private static HttpResponse<byte[]> get(String pathInRepository) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(registry.uri("/v2/" + repository + pathInRepository))
                .header("Accept", OCI_MANIFEST + ", " + DOCKER_MANIFEST)
                .timeout(Duration.ofMinutes(1))
                .GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
