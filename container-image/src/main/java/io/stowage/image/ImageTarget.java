package io.stowage.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;

import java.io.PrintStream;
import java.util.Map;

/** Turns the command line's target into a Jib {@link Containerizer}. */
final class ImageTarget {

    static final String USERNAME_VARIABLE = "STOWAGE_IMAGE_USERNAME";
    static final String PASSWORD_VARIABLE = "STOWAGE_IMAGE_PASSWORD";
    /** The name an OCI archive gives its image, as {@code org.opencontainers.image.ref.name} in index.json. */
    static final String ARCHIVE_IMAGE_NAME = "stowage/server";

    private ImageTarget() {
    }

    static Containerizer containerizer(BuildOptions options, Map<String, String> environment, PrintStream log) {
        Containerizer containerizer = switch (options.target()) {
            case BuildOptions.Registry registry -> Containerizer.to(registryImage(registry.reference(), environment))
                    .setAllowInsecureRegistries(registry.insecure());
            case BuildOptions.OciTar tar -> Containerizer.to(TarImage.at(tar.file().toAbsolutePath())
                    .named(reference(ARCHIVE_IMAGE_NAME + ":" + options.version())));
        };
        return containerizer.setToolName("stowage-container-image")
                .addEventHandler(LogEvent.class, event -> {
                    // Jib's INFO and DEBUG are per-layer chatter; what a person running the build wants is below.
                    switch (event.getLevel()) {
                        case ERROR, WARN, LIFECYCLE -> log.println(event.getMessage());
                        default -> { }
                    }
                });
    }

    private static RegistryImage registryImage(String reference, Map<String, String> environment) {
        RegistryImage image = RegistryImage.named(reference(reference));
        String username = environment.get(USERNAME_VARIABLE);
        String password = environment.get(PASSWORD_VARIABLE);
        if ((username == null) != (password == null)) {
            throw new BuildOptions.UsageException("set both " + USERNAME_VARIABLE + " and " + PASSWORD_VARIABLE
                    + ", or neither");
        }
        return username == null ? image : image.addCredential(username, password);
    }

    private static ImageReference reference(String reference) {
        try {
            return ImageReference.parse(reference);
        } catch (InvalidImageReferenceException e) {
            throw new BuildOptions.UsageException("not an image reference: " + reference);
        }
    }
}
