package io.stowage.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Incompressible test content, so layer sizes on the wire are close to the sizes asked for. */
final class RandomFiles {

    private static final Random RANDOM = new Random();

    private RandomFiles() {
    }

    static Path write(Path file, long size) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(left, chunk.length);
                RANDOM.nextBytes(chunk);
                out.write(chunk, 0, n);
                left -= n;
            }
        }
        return file;
    }

    /** Lower-case letters and digits: usable in repository names, tags and podman image names alike. */
    static String token() {
        return Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    }
}
