package io.stowage.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host's {@code ldd}: the dynamic loader's own answer to which libraries a file needs and where it finds them,
 * transitively. It runs the loader on the file, so it is only used on the JDK's and sqlite-jdbc's own binaries.
 */
final class Ldd {

    private static final long TIMEOUT_SECONDS = 30;

    private Ldd() {
    }

    static List<LddOutput.Dependency> dependenciesOf(Path elf) {
        String output;
        int exit;
        try {
            Process process = new ProcessBuilder("ldd", elf.toString()).redirectErrorStream(true).start();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("ldd " + elf + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            exit = process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ldd (glibc's, from the libc-bin package): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ldd " + elf, e);
        }
        if (exit != 0) {
            if (output.contains("not a dynamic executable")) {
                return List.of();
            }
            throw new IllegalStateException("ldd " + elf + " exited with " + exit + ":\n" + output);
        }
        return LddOutput.parse(output);
    }
}
