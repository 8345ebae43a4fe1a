package io.stowage.interop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as users meet it: {@code version}, {@code help}, mistakes on the command line and in the
 * configuration, where the settings come from (flag over environment over file), the data directory lock, and the
 * logging switches. Every process runs in this test's temporary directory, so the default data directory
 * ({@code ./stowage-data}) would land there too, with a timeout as a safety net, and is destroyed at the end.
 *
 * <p>Checks that something is absent from a registry's log are made after a graceful stop: the registry finishes
 * every request it started, log lines included, before it exits, so nothing can still be on its way.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CommandLineIT {

    /** Safety nets, not expectations: a command that should end at once, a registry that should start in a second. */
    private static final Duration EXIT = Duration.ofSeconds(30);
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    @TempDir
    Path tmp;

    @Test
    void versionPrintsTheJarsVersion() throws Exception {
        String expected = "stowage " + JarVersion.of(RegistryProcess.jar());
        for (String version : List.of("version", "--version")) {
            StowageJarProcess process = StowageJarProcess.run(tmp, NO_ENVIRONMENT, EXIT, version);
            assertThat(process.exitCode()).as(process.describe()).isZero();
            assertThat(process.stdout().lines().toList()).as(process.describe()).containsExactly(expected);
            assertThat(process.stderr()).isEmpty();
        }
    }

    @Test
    void helpPrintsUsage() throws Exception {
        for (String help : List.of("help", "--help", "-h")) {
            StowageJarProcess process = StowageJarProcess.run(tmp, NO_ENVIRONMENT, EXIT, help);
            assertThat(process.exitCode()).as(process.describe()).isZero();
            assertThat(process.stdout()).as(process.describe()).contains("Usage: java -jar stowage.jar",
                    "serve", "version", "--listen HOST:PORT", "--data DIR", "--config FILE");
            assertThat(process.stderr()).isEmpty();
        }
    }

    @Test
    void anUnknownCommandExitsWithTwoAndNamesIt() throws Exception {
        StowageJarProcess process = StowageJarProcess.run(tmp, NO_ENVIRONMENT, EXIT, "frobnicate");
        assertThat(process.exitCode()).as(process.describe()).isEqualTo(2);
        assertThat(process.stderr()).as(process.describe()).contains("unknown command 'frobnicate'");
        assertThat(process.stdout()).isEmpty();
    }

    @Test
    void anUnknownOptionExitsWithTwoAndNamesIt() throws Exception {
        // Valid listen and data options come first, so that a parser that let the typo through would start a
        // registry (and fail on the timeout) rather than fight over the default port.
        String listen = "127.0.0.1:" + LoopbackPorts.free();
        String data = tmp.resolve("data").toString();
        List<List<String>> commandLines = List.of(
                List.of("serve", "--listen", listen, "--data", data, "--frobnicate", "x"),
                List.of("serve", "--listen", listen, "--data", data, "--frobnicate=x"),
                List.of("serve", "--listen", listen, "--data", data, "--frobnicate"),
                List.of("--listen", listen, "--data", data, "--frobnicate", "x"));
        for (List<String> commandLine : commandLines) {
            String[] args = commandLine.toArray(String[]::new);
            StowageJarProcess process = StowageJarProcess.run(tmp, NO_ENVIRONMENT, EXIT, args);
            assertThat(process.exitCode()).as(process.describe()).isEqualTo(2);
            assertThat(process.stderr()).as(process.describe()).contains("unknown option --frobnicate");
            assertNoStackTrace(process);
        }
    }

    @Test
    void serveTakesListenAndDataFromTheConfigFile() throws Exception {
        int port = LoopbackPorts.free();
        Path data = tmp.resolve("from-file");
        Path config = configFile("listen: 127.0.0.1:" + port + "\ndata: '" + data + "'\n");
        try (StowageJarProcess registry = StowageJarProcess.start(tmp, NO_ENVIRONMENT, "serve", "--config",
                config.toString())) {
            registry.awaitReady(port, READY);
            // Larger than what is kept inline in the metadata store: its bytes are a file of the blob storage.
            byte[] blob = SeededBytes.bytes(41, 40_345);
            try (OciHttp oci = client(port)) {
                String digest = oci.pushBlob("cli/config", blob);
                assertThat(oci.getBlob("cli/config", digest)).isEqualTo(blob);
            }
            assertThat(data.resolve("metadata.db")).isRegularFile();
            assertThat(storedUnder(data, blob)).as("the blob's bytes in a file under %s", data).isTrue();
            assertThat(tmp.resolve("stowage-data")).as("the default data directory").doesNotExist();
            assertThat(startupLine(registry)).contains("http://127.0.0.1:" + port + " ", "data=" + data + " ");
        }
    }

    @Test
    void theEnvironmentOverridesTheConfigFile() throws Exception {
        int filePort = LoopbackPorts.free();
        int environmentPort = LoopbackPorts.free();
        Path config = configFile("listen: 127.0.0.1:" + filePort + "\ndata: '" + tmp.resolve("data") + "'\n");
        try (StowageJarProcess registry = StowageJarProcess.start(tmp,
                Map.of("STOWAGE_LISTEN", "127.0.0.1:" + environmentPort), "serve", "--config", config.toString())) {
            registry.awaitReady(environmentPort, READY);
            assertThat(LoopbackPorts.isListening(filePort)).as("listening on the file's port").isFalse();
            assertThat(startupLine(registry)).contains("http://127.0.0.1:" + environmentPort + " ");
        }
    }

    @Test
    void aFlagOverridesTheEnvironment() throws Exception {
        int filePort = LoopbackPorts.free();
        int environmentPort = LoopbackPorts.free();
        int flagPort = LoopbackPorts.free();
        Path config = configFile("listen: 127.0.0.1:" + filePort + "\ndata: '" + tmp.resolve("data") + "'\n");
        try (StowageJarProcess registry = StowageJarProcess.start(tmp,
                Map.of("STOWAGE_LISTEN", "127.0.0.1:" + environmentPort), "serve", "--config", config.toString(),
                "--listen", "127.0.0.1:" + flagPort)) {
            registry.awaitReady(flagPort, READY);
            assertThat(LoopbackPorts.isListening(environmentPort)).as("listening on the environment's port").isFalse();
            assertThat(LoopbackPorts.isListening(filePort)).as("listening on the file's port").isFalse();
            assertThat(startupLine(registry)).contains("http://127.0.0.1:" + flagPort + " ");
        }
    }

    @Test
    void anUnknownKeyInTheConfigFileExitsWithTwoAndNamesIt() throws Exception {
        int port = LoopbackPorts.free();
        Path config = configFile("listn: 127.0.0.1:" + port + "\ndata: '" + tmp.resolve("data") + "'\n");
        StowageJarProcess process = StowageJarProcess.run(tmp, NO_ENVIRONMENT, EXIT, "serve", "--config",
                config.toString(), "--listen", "127.0.0.1:" + LoopbackPorts.free());
        assertThat(process.exitCode()).as(process.describe()).isEqualTo(2);
        assertThat(process.stderr()).as(process.describe()).contains("unknown setting 'listn'");
        assertNoStackTrace(process);
    }

    @Test
    void aBadStopTimeoutStopsStartUpWithAClearMessage() throws Exception {
        int port = LoopbackPorts.free();
        StowageJarProcess process = StowageJarProcess.run(tmp, Map.of("STOWAGE_HTTP_STOP_TIMEOUT", "30 seconds"),
                EXIT, "serve", "--listen", "127.0.0.1:" + port, "--data", tmp.resolve("data").toString());
        assertThat(process.exitCode()).as(process.describe()).isNotZero();
        assertThat(process.stderr()).as(process.describe()).contains("http.stopTimeout", "duration", "'30 seconds'");
        assertNoStackTrace(process);
    }

    @Test
    void aBadLogLevelStopsStartUpWithAClearMessage() throws Exception {
        StowageJarProcess process = StowageJarProcess.run(tmp, Map.of("STOWAGE_LOG_LEVEL", "verbose"), EXIT,
                "serve", "--listen", "127.0.0.1:" + LoopbackPorts.free(), "--data", tmp.resolve("data").toString());
        assertThat(process.exitCode()).as(process.describe()).isEqualTo(2);
        assertThat(process.stderr()).as(process.describe()).contains("log.level", "'verbose'");
        assertNoStackTrace(process);
    }

    @Test
    void aSecondRegistryOnTheSameDataDirectoryRefusesToStart() throws Exception {
        Path data = tmp.resolve("shared");
        int firstPort = LoopbackPorts.free();
        int secondPort = LoopbackPorts.free();
        try (StowageJarProcess first = StowageJarProcess.start(tmp, NO_ENVIRONMENT, "serve",
                "--listen", "127.0.0.1:" + firstPort, "--data", data.toString())) {
            first.awaitReady(firstPort, READY);

            StowageJarProcess second = StowageJarProcess.run(tmp, NO_ENVIRONMENT, EXIT, "serve",
                    "--listen", "127.0.0.1:" + secondPort, "--data", data.toString());
            assertThat(second.exitCode()).as(second.describe()).isNotZero();
            assertThat(second.stderr()).as(second.describe()).contains("data directory " + data, "in use");
            assertNoStackTrace(second);
            assertThat(LoopbackPorts.isListening(secondPort)).isFalse();

            assertThat(first.isAlive()).as(first.describe()).isTrue();
            byte[] blob = SeededBytes.bytes(42, 5_000);
            try (OciHttp oci = client(firstPort)) {
                String digest = oci.pushBlob("cli/lock", blob);
                assertThat(oci.getBlob("cli/lock", digest)).isEqualTo(blob);
                OciHttp.expect(oci.get("/readyz"), 200);
            }
        }
    }

    @Test
    void logAccessFalseInTheConfigFileTurnsTheAccessLogOff() throws Exception {
        Path config = configFile("log:\n  access: false\n");
        assertNoAccessLog(NO_ENVIRONMENT, "--config", config.toString());
    }

    @Test
    void stowageLogAccessFalseTurnsTheAccessLogOff() throws Exception {
        assertNoAccessLog(Map.of("STOWAGE_LOG_ACCESS", "false"));
    }

    @Test
    void logLevelWarnHidesTheStartupLine() throws Exception {
        RegistryLog log = serveRequestsAndStop(Map.of("STOWAGE_LOG_LEVEL", "warn"));
        assertThat(log.startupLines()).as("log:\n%s", log).isEmpty();
        assertThat(log.containing(" INFO io.stowage.server.")).as("log:\n%s", log).isEmpty();
        // The access log has its own switch, still on: its lines show that the output was captured at all.
        assertThat(log.accessLines()).as("log:\n%s", log).isNotEmpty();
    }

    /** A registry started with {@code environment} and {@code options} serves requests but logs none of them. */
    private void assertNoAccessLog(Map<String, String> environment, String... options) throws Exception {
        RegistryLog log = serveRequestsAndStop(environment, options);
        assertThat(log.startupLines()).as("the start-up line shows the log was captured:\n%s", log).hasSize(1);
        assertThat(log.accessLines()).as("log:\n%s", log).isEmpty();
        assertThat(log.containing("request_id=")).as("log:\n%s", log).isEmpty();
    }

    /** Starts a registry, makes a 200 and a 404, stops it gracefully and returns everything it logged. */
    private RegistryLog serveRequestsAndStop(Map<String, String> environment, String... options) throws Exception {
        int port = LoopbackPorts.free();
        String[] args = Stream.concat(Stream.of("serve", "--listen", "127.0.0.1:" + port,
                "--data", tmp.resolve("data").toString()), Arrays.stream(options)).toArray(String[]::new);
        try (StowageJarProcess registry = StowageJarProcess.start(tmp, environment, args)) {
            registry.awaitReady(port, READY);
            try (OciHttp oci = client(port)) {
                OciHttp.expect(oci.get("/v2/"), 200);
                OciHttp.expect(oci.get("/v2/cli/logging/manifests/missing"), 404);
            }
            assertThat(registry.stop()).as(registry.describe()).isEqualTo(GracefulStop.SIGTERM_EXIT_CODE);
            return RegistryLog.of(registry.stdout());
        }
    }

    private static String startupLine(StowageJarProcess registry) throws IOException {
        List<String> lines = RegistryLog.of(registry.stdout()).startupLines();
        assertThat(lines).as(registry.describe()).hasSize(1);
        return lines.getFirst();
    }

    /** A refusal to start is a message for people, not a crash: no exception class names or stack frames. */
    private static void assertNoStackTrace(StowageJarProcess process) throws IOException {
        assertThat(process.stderr() + process.stdout()).as(process.describe())
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    private Path configFile(String yaml) throws IOException {
        Path file = Files.createTempFile(tmp, "stowage-", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** Whether some file under {@code directory} holds exactly {@code content}: where the blob store put it. */
    private static boolean storedUnder(Path directory, byte[] content) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).anyMatch(file -> {
                try {
                    return Files.size(file) == content.length && Arrays.equals(Files.readAllBytes(file), content);
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    private static OciHttp client(int port) {
        return new OciHttp(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(30));
    }
}
