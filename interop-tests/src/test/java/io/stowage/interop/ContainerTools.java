package io.stowage.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * skopeo, podman, buildah and umoci, each call pointed at configuration files of its own (see
 * {@code real-clients.md}): vfs storage under the test's directory, the registry under test marked insecure, an
 * empty auth file. Nothing is read from or left in the host's container storage.
 */
public final class ContainerTools {

    static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** Lines of registry output shown with a failed command: enough to see the requests it made. */
    private static final int REGISTRY_LINES = 40;

    private final Path dir;
    private final Map<String, String> environment;
    private final RegistryUnderTest registry;

    private ContainerTools(Path dir, Map<String, String> environment, RegistryUnderTest registry) {
        this.dir = dir;
        this.environment = environment;
        this.registry = registry;
    }

    /** Writes the configuration files under {@code dir} for talking to {@code registry}. */
    public static ContainerTools configure(Path dir, RegistryUnderTest registry) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path storage = dir.resolve("storage");
        Path storageConf = Files.writeString(dir.resolve("storage.conf"), """
                [storage]
                driver = "vfs"
                graphroot = "%s"
                runroot = "%s"
                """.formatted(storage.resolve("graph"), storage.resolve("run")));
        Path containersConf = Files.writeString(dir.resolve("containers.conf"), """
                [engine]
                events_logger = "file"
                events_logfile_path = "%s"
                cgroup_manager = "cgroupfs"
                tmp_dir = "%s"
                """.formatted(dir.resolve("events.log"), tmp));
        Path registriesConf = Files.writeString(dir.resolve("registries.conf"), """
                unqualified-search-registries = []

                [[registry]]
                location = "%s"
                insecure = true
                """.formatted(registry.hostPort()));
        // podman refuses to start when the auth file does not exist, so it is created empty.
        Path authFile = Files.writeString(dir.resolve("auth.json"), "{}");
        return new ContainerTools(dir, Map.of(
                "CONTAINERS_STORAGE_CONF", storageConf.toString(),
                "CONTAINERS_CONF", containersConf.toString(),
                "CONTAINERS_REGISTRIES_CONF", registriesConf.toString(),
                "REGISTRY_AUTH_FILE", authFile.toString(),
                // Big blobs are staged in TMPDIR; keep them in the test's directory, which JUnit removes.
                "TMPDIR", tmp.toString()), registry);
    }

    /** Runs a command and returns whatever happened, for tests that expect failures. */
    public CommandResult run(String... command) throws IOException, InterruptedException {
        return Commands.run(environment, dir, TIMEOUT, List.of(command));
    }

    /**
     * Runs a command that must succeed; a failure carries the command's whole output and the end of the registry's,
     * because the registry's temporary directory, log included, is gone once the test has finished.
     */
    public CommandResult runOk(String... command) throws IOException, InterruptedException {
        CommandResult result = run(command);
        if (!result.succeeded()) {
            throw new AssertionError("command failed\n" + result.describe()
                    + "\n--- registry output (last " + REGISTRY_LINES + " lines) ---\n" + registryTail());
        }
        return result;
    }

    private String registryTail() throws IOException {
        List<String> lines = registry.output().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - REGISTRY_LINES), lines.size()));
    }
}
