package io.stowage.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Makes the image's Java runtime with jlink, from the JDK running the build. */
final class JlinkRuntime {

    /**
     * Native parts of java.desktop that only a GUI or sound loads. The registry needs java.desktop for java.beans
     * (Jackson, SnakeYAML) and always runs headless, so these would only pull X11 and ALSA libraries into the image.
     */
    static final List<String> GUI_LIBRARIES = List.of("libawt_xawt.so", "libjawt.so", "libsplashscreen.so",
            "libjsound.so");

    private JlinkRuntime() {
    }

    /** Writes the runtime to {@code output}, which must not exist yet, and returns it. */
    static Path create(Set<String> modules, Path output) {
        if (Files.exists(output)) {
            throw new IllegalArgumentException("jlink output exists already: " + output);
        }
        JdkTool.named("jlink").run(List.of(
                "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-header-files", "--no-man-pages",
                "--exclude-files", String.join(",", GUI_LIBRARIES.stream().map(l -> "**/" + l).toList()),
                "--output", output.toString()));
        return output;
    }
}
