package io.stowage.interop;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** What the access-control client tests share: images built offline, Jib pushes, and what a refusal looks like. */
final class CredentialedClients {

    /**
     * How skopeo, podman and buildah (containers/image) report a registry refusing them: the error code of a 401
     * or 403 ({@code UNAUTHORIZED}, {@code DENIED}) in their own words. A local failure ("permission denied") or a
     * connection error matches none of these.
     */
    private static final List<String> REFUSAL_WORDS = List.of("unauthorized:",
            "denied: requested access to the resource is denied", "authentication required");

    private CredentialedClients() {
    }

    /** Builds a one-layer image from scratch with podman into {@code tools}' storage; returns its image ID. */
    static String podmanBuild(ContainerTools tools, Path context, String localName) throws Exception {
        RandomFiles.write(context.resolve("payload.bin"), 200_000);
        Files.writeString(context.resolve("Containerfile"), """
                FROM scratch
                COPY payload.bin /payload.bin
                ENTRYPOINT ["/payload.bin"]
                """);
        tools.runOk("podman", "build", "--format", "oci", "-t", localName, context.toString());
        return imageId(tools, localName);
    }

    /** The image ID (config digest) of a local image; equal IDs mean equal content (see PodmanIT). */
    static String imageId(ContainerTools tools, String reference) throws Exception {
        return tools.runOk("podman", "image", "inspect", "--format", "{{.Id}}", reference).stdout().strip();
    }

    /** Asserts that the client failed because the registry refused it, not for any other reason. */
    static void assertRefused(CommandResult result) {
        assertThat(result.succeeded()).as(result::describe).isFalse();
        assertThat(result.stderr().toLowerCase(Locale.ROOT)).as(result::describe).containsAnyOf(
                REFUSAL_WORDS.toArray(String[]::new));
    }

    /** Runs Jib with its caches under {@code cache}; a failure carries Jib's log and the registry's. */
    static JibContainer containerize(JibContainerBuilder image, RegistryImage target, Path cache,
                                     RegistryUnderTest registry) throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Containerizer containerizer = Containerizer.to(target)
                .setAllowInsecureRegistries(true)
                // Jib's default caches live in the user's home; a test must neither read nor fill them.
                .setBaseImageLayersCache(cache.resolve("base"))
                .setApplicationLayersCache(cache.resolve("application"))
                .addEventHandler(LogEvent.class, event -> log.add(event.getLevel() + " " + event.getMessage()));
        try {
            JibContainer container = image.containerize(containerizer);
            assertThat(container.isImagePushed()).as(String.join("\n", log)).isTrue();
            return container;
        } catch (Exception e) {
            throw new AssertionError("Jib failed; its log:\n" + String.join("\n", log)
                    + "\nregistry output:\n" + registry.output(), e);
        }
    }
}
