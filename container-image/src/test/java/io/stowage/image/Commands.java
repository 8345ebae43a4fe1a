package io.stowage.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs external programs (podman, skopeo) with a bounded time. Output goes to files rather than pipes, so a chatty
 * program can never block on a full pipe while the test waits for it.
 */
final class Commands {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Commands() {
    }

    static CommandResult run(Path outputDirectory, Map<String, String> environment, Duration timeout,
                             List<String> command) throws IOException, InterruptedException {
        Files.createDirectories(outputDirectory);
        int n = SEQUENCE.incrementAndGet();
        Path stdout = outputDirectory.resolve("command-" + n + ".out");
        Path stderr = outputDirectory.resolve("command-" + n + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command)
                    + "\n--- stdout ---\n" + Files.readString(stdout) + "\n--- stderr ---\n" + Files.readString(stderr));
        }
        return new CommandResult(command, process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
