package io.stowage.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Finds the ELF binaries in a directory tree: every file the dynamic loader may be asked to load or run. */
final class ElfFiles {

    private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};

    private ElfFiles() {
    }

    /**
     * By content, not by name: besides {@code *.so} the runtime has executables ({@code bin/java},
     * {@code lib/jspawnhelper}) whose libraries must be in the image too.
     */
    static List<Path> under(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(ElfFiles::isElf).sorted().toList();
        }
    }

    static boolean isElf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
