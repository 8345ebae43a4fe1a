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

/** skopeo pushing, inspecting, listing, pulling and deleting images built offline with umoci. */
class SkopeoIT {

    /** Over 50 MiB, and not a multiple of any buffer or chunk size. */
    private static final long BIG_FILE_SIZE = 50L * 1024 * 1024 + 4097;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static RegistryUnderTest registry;
    private static ContainerTools tools;
    private static OciLayouts layouts;
    private static Path source;
    private static Path bigFile;
    /** Keeps repository names unique across runs (see real-clients.md on the shared blob-info cache). */
    private static String run;

    @BeforeAll
    static void startRegistryAndBuildImages() throws Exception {
        registry = RegistryUnderTest.start(dir);
        tools = ContainerTools.configure(dir.resolve("tools"), registry);
        layouts = new OciLayouts(tools);
        run = RandomFiles.token();

        source = layouts.create(dir.resolve("source"));
        Path content = dir.resolve("content");
        Path smallA = content.resolve("small-a");
        RandomFiles.write(smallA.resolve("one.bin"), 1024);
        RandomFiles.write(smallA.resolve("two.bin"), 64 * 1024 + 1);
        Path smallB = content.resolve("small-b");
        RandomFiles.write(smallB.resolve("three.bin"), 10_000);
        bigFile = RandomFiles.write(content.resolve("big.bin"), BIG_FILE_SIZE);
        layouts.image(source, "big", "amd64", List.of(smallA, smallB, bigFile));

        layouts.image(source, "amd64", "amd64",
                List.of(RandomFiles.write(content.resolve("amd64/hello.bin"), 2048)));
        layouts.image(source, "arm64", "arm64",
                List.of(RandomFiles.write(content.resolve("arm64/hello.bin"), 2048)));
        layouts.index(source, "multi", List.of(new OciLayouts.Child("amd64", "amd64"),
                new OciLayouts.Child("arm64", "arm64")));
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.stop();
        }
    }

    @Test
    void pushedImageInspectsAsPushedAndCopiesBackByteForByte() throws Exception {
        String image = docker("big") + ":v1";
        String localDigest = layouts.manifestDigest(source, "big");
        Path digestFile = dir.resolve("big.digest");
        tools.runOk("skopeo", "copy", "--dest-tls-verify=false", "--digestfile", digestFile.toString(),
                "oci:" + source + ":big", image);
        assertThat(Files.readString(digestFile).strip()).as("digest skopeo pushed").isEqualTo(localDigest);

        JsonNode inspected = inspect(image);
        List<String> localLayers = layerDigests(JSON.readTree(OciLayouts.readBlob(source, localDigest)));
        assertThat(inspected.path("Digest").asText()).as(inspected::toPrettyString).isEqualTo(localDigest);
        assertThat(texts(inspected.path("Layers"))).as(inspected::toPrettyString)
                .hasSize(3).containsExactlyElementsOf(localLayers);
        CommandResult raw = tools.runOk("skopeo", "inspect", "--tls-verify=false", "--raw", image);
        assertThat(raw.stdout()).as("manifest served unchanged")
                .isEqualTo(new String(OciLayouts.readBlob(source, localDigest), StandardCharsets.UTF_8));

        Path back = dir.resolve("back");
        tools.runOk("skopeo", "copy", "--src-tls-verify=false", image, "oci:" + back + ":v1");
        String backDigest = layouts.manifestDigest(back, "v1");
        assertThat(backDigest).isEqualTo(localDigest);
        JsonNode backManifest = JSON.readTree(OciLayouts.readBlob(back, backDigest));
        assertThat(layerDigests(backManifest)).containsExactlyElementsOf(localLayers);
        for (String layer : localLayers) {
            assertThat(digestOf(OciLayouts.blob(back, layer))).as("content of layer " + layer).isEqualTo(layer);
        }
        Path rootfs = layouts.unpack(back, "v1", dir.resolve("bundle"));
        assertThat(Files.size(rootfs.resolve("big.bin"))).isEqualTo(BIG_FILE_SIZE);
        assertThat(digestOf(rootfs.resolve("big.bin"))).isEqualTo(digestOf(bigFile));
        assertThat(digestOf(rootfs.resolve("small-a/two.bin")))
                .isEqualTo(digestOf(dir.resolve("content/small-a/two.bin")));
    }

    @Test
    void listTagsShowsEveryTag() throws Exception {
        String repository = docker("tags");
        List<String> tags = List.of("latest", "1.0", "1.0.1-rc_1", "stable", "Z-upper");
        for (String tag : tags) {
            tools.runOk("skopeo", "copy", "--dest-tls-verify=false", "oci:" + source + ":amd64",
                    repository + ":" + tag);
        }
        JsonNode listed = JSON.readTree(
                tools.runOk("skopeo", "list-tags", "--tls-verify=false", repository).stdout());
        assertThat(texts(listed.path("Tags"))).as(listed::toPrettyString).containsExactlyInAnyOrderElementsOf(tags);
    }

    @Test
    void multiPlatformIndexRoundTripsWithAll() throws Exception {
        String image = docker("multi") + ":multi";
        String indexDigest = layouts.manifestDigest(source, "multi");
        List<String> children = List.of(layouts.manifestDigest(source, "amd64"),
                layouts.manifestDigest(source, "arm64"));
        tools.runOk("skopeo", "copy", "--all", "--dest-tls-verify=false", "oci:" + source + ":multi", image);

        String raw = tools.runOk("skopeo", "inspect", "--tls-verify=false", "--raw", image).stdout();
        assertThat(Sha256.digestOf(raw.getBytes(StandardCharsets.UTF_8))).as(raw).isEqualTo(indexDigest);
        JsonNode index = JSON.readTree(raw);
        assertThat(index.path("mediaType").asText()).isEqualTo(OciLayouts.INDEX_MEDIA_TYPE);
        List<String> served = new ArrayList<>();
        index.path("manifests").forEach(m -> served.add(m.path("digest").asText()));
        assertThat(served).containsExactlyElementsOf(children);
        for (String child : children) {
            String childRaw = tools.runOk("skopeo", "inspect", "--tls-verify=false", "--raw",
                    docker("multi") + "@" + child).stdout();
            assertThat(Sha256.digestOf(childRaw.getBytes(StandardCharsets.UTF_8))).isEqualTo(child);
        }

        Path back = dir.resolve("multi-back");
        tools.runOk("skopeo", "copy", "--all", "--src-tls-verify=false", image, "oci:" + back + ":multi");
        assertThat(layouts.manifestDigest(back, "multi")).isEqualTo(indexDigest);
        for (String child : children) {
            Path blob = OciLayouts.blob(back, child);
            assertThat(blob).as("platform manifest " + child + " copied back").exists();
            assertThat(digestOf(blob)).isEqualTo(child);
            for (String layer : layerDigests(JSON.readTree(Files.readAllBytes(blob)))) {
                assertThat(digestOf(OciLayouts.blob(back, layer))).isEqualTo(layer);
            }
        }
    }

    @Test
    void deletedManifestCanNoLongerBeInspectedButOtherRepositoriesKeepIt() throws Exception {
        String doomed = docker("doomed") + ":v1";
        String kept = docker("kept") + ":v1";
        String digest = layouts.manifestDigest(source, "amd64");
        for (String target : List.of(doomed, kept)) {
            tools.runOk("skopeo", "copy", "--dest-tls-verify=false", "oci:" + source + ":amd64", target);
        }
        assertThat(inspect(doomed).path("Digest").asText()).isEqualTo(digest);

        tools.runOk("skopeo", "delete", "--tls-verify=false", doomed);

        for (String gone : List.of(doomed, docker("doomed") + "@" + digest)) {
            CommandResult result = tools.run("skopeo", "inspect", "--tls-verify=false", "--raw", gone);
            assertThat(result.succeeded()).as(result::describe).isFalse();
            assertThat(result.stderr()).as(result::describe).containsIgnoringCase("manifest unknown");
        }
        assertThat(inspect(kept).path("Digest").asText()).as("same manifest in another repository")
                .isEqualTo(digest);
    }

    private static String docker(String name) {
        return "docker://" + registry.hostPort() + "/skopeo-" + run + "/" + name;
    }

    private static JsonNode inspect(String image) throws Exception {
        return JSON.readTree(tools.runOk("skopeo", "inspect", "--tls-verify=false", image).stdout());
    }

    private static List<String> layerDigests(JsonNode manifest) {
        List<String> digests = new ArrayList<>();
        manifest.path("layers").forEach(layer -> digests.add(layer.path("digest").asText()));
        return digests;
    }

    private static String digestOf(Path file) throws Exception {
        return Sha256.of(Files.newInputStream(file)).digest();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
