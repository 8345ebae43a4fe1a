package io.stowage.interop.oras;

import land.oras.Annotations;
import land.oras.ArtifactType;
import land.oras.Config;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.LocalPath;
import land.oras.Manifest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.stowage.interop.oras.BinaryFiles.MIB;
import static org.assertj.core.api.Assertions.assertThat;

/** ORAS artifacts of several binary files pushed and pulled back byte for byte, and artifacts with the empty config. */
class ArtifactPushPullIT extends OrasTestBase {

    private static final String TITLE = "org.opencontainers.image.title";
    private static final String EMPTY_CONFIG_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
    private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);


    @Test
    void pushesSeveralBinaryFilesAndFetchesEachBackUnchanged() throws Exception {
        // Several MiB, and not a multiple of any buffer size, so a lost or repeated final buffer shows.
        Path big = BinaryFiles.random(dir.resolve("files/big.bin"), 6L * MIB + 4_321, 1);
        Path small = BinaryFiles.random(dir.resolve("files/small.bin"), 1_000, 2);
        Path single = BinaryFiles.random(dir.resolve("files/single-byte.bin"), 1, 3);
        List<Path> files = List.of(big, small, single);
        ContainerRef ref = stowage.ref("oras/files:v1");

        oras.pushArtifact(ref, LocalPath.of(big), LocalPath.of(small), LocalPath.of(single));

        List<Layer> layers = oras.getManifest(ref).getLayers();
        assertThat(layers).extracting(layer -> layer.getAnnotations().get(TITLE))
                .containsExactlyInAnyOrder("big.bin", "small.bin", "single-byte.bin");
        for (Path file : files) {
            Layer layer = layers.stream()
                    .filter(l -> file.getFileName().toString().equals(l.getAnnotations().get(TITLE)))
                    .findFirst().orElseThrow();
            assertThat(layer.getDigest()).isEqualTo(BinaryFiles.digest(file));
            assertThat(layer.getSize()).isEqualTo(Files.size(file));

            // fetchBlob to a file: getBlob would decode the bytes as text (see the real-clients guide).
            Path fetched = dir.resolve("fetched/" + file.getFileName());
            Files.createDirectories(fetched.getParent());
            oras.fetchBlob(ref.withDigest(layer.getDigest()), fetched);
            assertThat(BinaryFiles.digest(fetched)).as(file.getFileName().toString())
                    .isEqualTo(BinaryFiles.digest(file));
        }
    }

    @Test
    void pullArtifactWritesEachFileUnderItsTitle() throws Exception {
        Path first = BinaryFiles.random(dir.resolve("pull-in/first.bin"), 3L * MIB + 1, 4);
        Path second = BinaryFiles.random(dir.resolve("pull-in/second.bin"), 77_777, 5);
        ContainerRef ref = stowage.ref("oras/pulled:v1");
        oras.pushArtifact(ref, LocalPath.of(first), LocalPath.of(second));

        Path out = Files.createDirectories(dir.resolve("pull-out"));
        oras.pullArtifact(ref, out, true);

        assertThat(BinaryFiles.digest(out.resolve("first.bin"))).isEqualTo(BinaryFiles.digest(first));
        assertThat(BinaryFiles.digest(out.resolve("second.bin"))).isEqualTo(BinaryFiles.digest(second));
    }

    @Test
    void keepsArtifactTypeAndTheEmptyConfig() throws Exception {
        Path report = BinaryFiles.random(dir.resolve("typed/report.bin"), 2_048, 6);
        ArtifactType type = ArtifactType.from("application/vnd.stowage.test.report.v1+json");
        ContainerRef ref = stowage.ref("oras/typed:v1");

        oras.pushArtifact(ref, type, Annotations.ofManifest(Map.of("io.stowage.test.purpose", "empty-config")),
                Config.empty(), LocalPath.of(report, "application/vnd.stowage.test.report.layer.v1"));

        Manifest manifest = oras.getManifest(ref);
        assertThat(manifest.getArtifactTypeAsString()).isEqualTo(type.getMediaType());
        assertThat(manifest.getAnnotations()).containsEntry("io.stowage.test.purpose", "empty-config");
        Config config = manifest.getConfig();
        assertThat(config.getMediaType()).isEqualTo(EMPTY_CONFIG_MEDIA_TYPE);
        assertThat(config.getDigest()).isEqualTo(BinaryFiles.digest(EMPTY_JSON));
        assertThat(config.getSize()).isEqualTo(2L);
        assertThat(manifest.getLayers()).singleElement().satisfies(layer -> {
            assertThat(layer.getMediaType()).isEqualTo("application/vnd.stowage.test.report.layer.v1");
            assertThat(layer.getDigest()).isEqualTo(BinaryFiles.digest(report));
        });

        // The empty config is a real blob the registry serves: the two bytes "{}".
        Path fetchedConfig = dir.resolve("typed/config.json");
        oras.fetchBlob(ref.withDigest(config.getDigest()), fetchedConfig);
        assertThat(Files.readAllBytes(fetchedConfig)).isEqualTo(EMPTY_JSON);
    }
}
