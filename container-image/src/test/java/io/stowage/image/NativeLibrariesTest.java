package io.stowage.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** On this (linux/amd64, glibc) build host: what the running JDK's launcher needs, as it would go into the image. */
class NativeLibrariesTest {

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @Test
    void theLauncherNeedsGlibcAndItsLoaderAtTheirResolvedPaths() throws Exception {
        Map<AbsoluteUnixPath, Path> libraries = NativeLibraries.neededBy(
                List.of(JAVA_HOME.resolve("bin/java")), JAVA_HOME);

        assertThat(libraries.keySet()).map(AbsoluteUnixPath::toString)
                .contains("/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libgcc_s.so.1")
                .anyMatch(path -> path.endsWith("/libc.so.6"))
                // libjli.so is the JDK's own, packaged with the runtime.
                .noneMatch(path -> path.endsWith("/libjli.so"));
        // The loader is a symlink on Debian; the image gets the file it points to.
        assertThat(libraries.values()).allSatisfy(file -> {
            assertThat(Files.isRegularFile(file)).as(file.toString()).isTrue();
            assertThat(Files.isSymbolicLink(file)).as(file.toString()).isFalse();
        });
    }

    @Test
    void findsTheRuntimesBinariesByContent() throws Exception {
        assertThat(ElfFiles.under(JAVA_HOME.resolve("bin"))).contains(JAVA_HOME.resolve("bin/java"));
        assertThat(ElfFiles.isElf(JAVA_HOME.resolve("release"))).isFalse();
    }
}
