package io.stowage.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * sqlite-jdbc's Linux x86-64 library, taken out of the jar only so that ldd can say what it needs: at run time the
 * driver extracts it itself, into java.io.tmpdir, and loads it from there. It is not put into the image.
 */
final class SqliteNativeLibrary {

    static final String ENTRY = "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so";

    private SqliteNativeLibrary() {
    }

    static Path extract(Path jar, Path directory) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(ENTRY);
            if (entry == null) {
                throw new IllegalStateException(jar + " has no " + ENTRY + ": the embedded SQLite backend would not "
                        + "start in a linux/amd64 image");
            }
            Path target = Files.createDirectories(directory).resolve("libsqlitejdbc.so");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, target);
            }
            return target;
        }
    }
}
