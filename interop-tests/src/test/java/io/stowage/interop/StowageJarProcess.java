package io.stowage.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code java -jar stowage.jar ARGS} started by a test, in a working directory and with environment variables of its
 * choosing. {@code STOWAGE_*} variables inherited from the test's own environment are removed first, so a
 * developer's shell cannot change what a test sees. stdout and stderr go to separate files, not pipes (a pipe
 * nobody drains would block the process): the registry logs to stdout and reports why it cannot start on stderr.
 * Closing destroys the process if it still runs.
 */
final class StowageJarProcess implements AutoCloseable {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private StowageJarProcess(List<String> command, Process process, Path stdout, Path stderr) {
        this.command = command;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static StowageJarProcess start(Path workDir, Map<String, String> environment, String... args) throws IOException {
        return start(workDir, environment, Path.of("/dev/null"), args);
    }

    /** As {@link #start(Path, Map, String...)}, with standard input read from {@code stdin}. */
    static StowageJarProcess start(Path workDir, Map<String, String> environment, Path stdin, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(RegistryProcess.javaBinary(), "-jar",
                RegistryProcess.jar().toString()));
        command.addAll(List.of(args));
        long n = SEQUENCE.incrementAndGet();
        Files.createDirectories(workDir);
        Path stdout = workDir.resolve("stowage-" + n + ".out");
        Path stderr = workDir.resolve("stowage-" + n + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("STOWAGE_"));
        builder.environment().putAll(environment);
        return new StowageJarProcess(List.copyOf(command), builder.start(), stdout, stderr);
    }

    /** Runs a command that is expected to end by itself, and returns it ended (see {@link #exitCode()}). */
    static StowageJarProcess run(Path workDir, Map<String, String> environment, Duration timeout, String... args)
            throws Exception {
        return run(workDir, environment, Path.of("/dev/null"), timeout, args);
    }

    /** As {@link #run(Path, Map, Duration, String...)}, with standard input read from {@code stdin}. */
    static StowageJarProcess run(Path workDir, Map<String, String> environment, Path stdin, Duration timeout,
                                 String... args) throws Exception {
        StowageJarProcess process = start(workDir, environment, stdin, args);
        process.awaitExit(timeout);
        return process;
    }

    /** The exit code; a process still running at the deadline (a safety net) is killed and the test fails. */
    int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("still running after " + timeout + "\n" + describe());
        }
        return process.exitValue();
    }

    /** Polls {@code /readyz} on the port until it answers 200; fails if the process exits first. */
    void awaitReady(int port, Duration timeout) throws Exception {
        URI readyz = URI.create("http://127.0.0.1:" + port + "/readyz");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("exited with " + process.exitValue() + " instead of serving on port "
                            + port + "\n" + describe());
                }
                try {
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(readyz)
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("not ready on port " + port + " within " + timeout + "\n" + describe());
    }

    /** SIGTERM, as a service manager stops it; waits for the exit (killing it after a safety-net minute). */
    int stop() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("did not stop within a minute of SIGTERM\n" + describe());
            }
        }
        return process.exitValue();
    }

    /** The exit code of a process that has ended. */
    int exitCode() {
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** The command and everything it printed so far: what a reader of a failed assertion needs. */
    String describe() throws IOException {
        return "$ " + String.join(" ", command) + "\n--- stdout ---\n" + stdout() + "\n--- stderr ---\n" + stderr();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
