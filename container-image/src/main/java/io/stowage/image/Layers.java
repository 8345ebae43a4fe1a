package io.stowage.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The image's file layers other than the system files, from the least to the most often changed, so that a new
 * build of the jar re-uploads only the last one.
 */
final class Layers {

    private Layers() {
    }

    /** The jlink output as it is, keeping the execute bits of bin/java and lib/jspawnhelper. */
    static FileEntriesLayer javaRuntime(Path runtime) throws IOException {
        return FileEntriesLayer.builder().setName("java-runtime")
                .addEntryRecursive(runtime, ImageLayout.JAVA_HOME, (source, target) -> permissionsOf(source))
                .build();
    }

    static FileEntriesLayer nativeLibraries(Map<AbsoluteUnixPath, Path> libraries) {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("native-libraries");
        libraries.forEach((imagePath, hostFile) -> layer.addEntry(hostFile, imagePath, permissionsOf(hostFile)));
        return layer.build();
    }

    /** Read-only for the user the registry runs as: it has no reason to change its own code. */
    static FileEntriesLayer application(Path jar) {
        return FileEntriesLayer.builder().setName("application")
                .addEntry(jar, ImageLayout.APPLICATION_JAR, FilePermissions.fromOctalString("644"))
                .build();
    }

    private static FilePermissions permissionsOf(Path file) {
        try {
            return FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of " + file, e);
        }
    }
}
