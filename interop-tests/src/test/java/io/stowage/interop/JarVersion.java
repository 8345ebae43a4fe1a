package io.stowage.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The version the build filtered into the jar's {@code stowage-version.properties}: what {@code version} and the
 * start-up line must report. Checked to look like a Maven version, so that an unfiltered placeholder or the
 * registry's {@code dev} fallback fails the tests instead of being compared with itself.
 */
final class JarVersion {

    private JarVersion() {
    }

    static String of(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry("stowage-version.properties");
            if (entry == null) {
                throw new AssertionError(jar + " has no stowage-version.properties");
            }
            Properties properties = new Properties();
            try (InputStream in = file.getInputStream(entry)) {
                properties.load(in);
            }
            String version = properties.getProperty("version", "");
            if (!version.matches("\\d+\\.\\d+\\.\\d+([-.][0-9A-Za-z.-]+)?")) {
                throw new AssertionError("not a version in " + jar + ": '" + version + "'");
            }
            return version;
        }
    }
}
