package io.stowage.interop;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** podman pushing an image it built offline, and pulling it back by tag and by digest. */
class PodmanIT {

    @TempDir
    static Path dir;
    private static RegistryUnderTest registry;
    /** {@code 127.0.0.1:PORT/podman-<run>/app}: unique per run (see real-clients.md on the shared cache). */
    private static String repository;
    private static String builtImageId;
    private static String pushedDigest;

    @BeforeAll
    static void buildAndPush() throws Exception {
        registry = RegistryUnderTest.start(dir);
        repository = registry.hostPort() + "/podman-" + RandomFiles.token() + "/app";
        ContainerTools builder = tools("builder");

        Path context = dir.resolve("context");
        RandomFiles.write(context.resolve("payload.bin"), 300_000);
        RandomFiles.write(context.resolve("etc/app.conf"), 100);
        Files.writeString(context.resolve("Containerfile"), """
                FROM scratch
                COPY payload.bin /payload.bin
                COPY etc/ /etc/
                LABEL io.stowage.test=podman
                ENTRYPOINT ["/payload.bin"]
                """);
        String local = "localhost/podman-built:1";
        builder.runOk("podman", "build", "--format", "oci", "-t", local, context.toString());
        builtImageId = builder.runOk("podman", "image", "inspect", "--format", "{{.Id}}", local).stdout().strip();

        Path digestFile = dir.resolve("pushed.digest");
        builder.runOk("podman", "push", "--tls-verify=false", "--digestfile", digestFile.toString(),
                local, repository + ":1");
        pushedDigest = Files.readString(digestFile).strip();
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.stop();
        }
    }

    @Test
    void registryServesThePushedManifestUnderItsDigest() throws Exception {
        CommandResult raw = tools("inspector").runOk("skopeo", "inspect", "--tls-verify=false", "--raw",
                "docker://" + repository + ":1");
        assertThat(Sha256.digestOf(raw.stdout().getBytes(StandardCharsets.UTF_8))).as(raw::describe)
                .isEqualTo(pushedDigest);
    }

    @Test
    void pullByTagGivesTheImageThatWasPushed() throws Exception {
        assertPullsPushedImage(tools("by-tag"), repository + ":1");
    }

    @Test
    void pullByDigestGivesTheImageThatWasPushed() throws Exception {
        assertPullsPushedImage(tools("by-digest"), repository + "@" + pushedDigest);
    }

    /**
     * Pulls into empty storage, so nothing can come from a local copy. The image ID is the config digest, and the
     * config lists the uncompressed digest of every layer, which podman verifies while pulling: an equal ID means
     * equal content.
     */
    private static void assertPullsPushedImage(ContainerTools puller, String reference) throws Exception {
        CommandResult pull = puller.runOk("podman", "pull", "--tls-verify=false", reference);
        String pulledId = pull.stdout().strip();
        assertThat(pulledId).as(pull::describe).isEqualTo(builtImageId);
        String inspected = puller.runOk("podman", "image", "inspect", "--format",
                "{{.Id}} {{.Digest}} {{range .RepoDigests}}{{.}} {{end}}", reference).stdout().strip();
        assertThat(inspected.split(" ")).as(inspected)
                .containsExactly(builtImageId, pushedDigest, repository + "@" + pushedDigest);
    }

    /** Every role gets its own container storage, so pulls cannot be satisfied from the builder's images. */
    private static ContainerTools tools(String role) throws Exception {
        return ContainerTools.configure(dir.resolve(role), registry);
    }
}
