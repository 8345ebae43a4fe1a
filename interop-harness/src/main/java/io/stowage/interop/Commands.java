package io.stowage.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Runs one external program with a deadline, so a hung client fails its test instead of the whole build. */
public final class Commands {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Commands() {
    }

    /**
     * Runs {@code command} in {@code workDir} with {@code environment} added to ours. Output goes to files there
     * rather than pipes: a client that writes more than a pipe buffer while we wait for it would otherwise block
     * forever. On timeout the program and everything it started are killed, and the test fails with what it
     * printed so far.
     */
    public static CommandResult run(Map<String, String> environment, Path workDir, Duration timeout,
                                    List<String> command) throws IOException, InterruptedException {
        long n = SEQUENCE.incrementAndGet();
        Path stdout = workDir.resolve("cmd-" + n + ".out");
        Path stderr = workDir.resolve("cmd-" + n + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            CommandResult partial = new CommandResult(command, -1, Files.readString(stdout), Files.readString(stderr));
            throw new AssertionError("timed out after " + timeout + "\n" + partial.describe());
        }
        return new CommandResult(command, process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
