package io.stowage.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * skopeo, podman, buildah and umoci, each call pointed at configuration files of its own (see
 * {@code real-clients.md}): vfs storage under the test's directory, the registry under test marked insecure, an
 * empty auth file. Nothing is read from or left in the host's container storage or configuration.
 */
public final class ContainerTools {

    /** One bound for every call, generous for the largest pushes; a hung client fails its test, not the build. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /**
     * podman asks the OCI runtime for RLIMIT_NOFILE 1048576 and RLIMIT_NPROC 4194304 when it runs as root; raising a
     * limit above the current hard limit needs CAP_SYS_RESOURCE, which a sandboxed CI root may lack (it does here),
     * and then every container fails to start with "setrlimit ... operation not permitted". These stay below any
     * usual hard limit and are plenty for one registry. They apply only to containers podman starts.
     */
    private static final List<String> ULIMITS = List.of("nofile=4096:4096", "nproc=4096:4096");

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

    /** Writes the configuration files under {@code dir} for talking to {@code registry}, with podman's runtime. */
    public static ContainerTools configure(Path dir, RegistryUnderTest registry) throws IOException {
        return configure(dir, registry, OciRuntime.PODMAN_DEFAULT);
    }

    /**
     * Writes the configuration files under {@code dir} for talking to {@code registry}; containers that podman
     * runs use {@code runtime} (see {@link OciRuntime#forThisHost()}).
     */
    public static ContainerTools configure(Path dir, RegistryUnderTest registry, OciRuntime runtime)
            throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path storage = dir.resolve("storage");
        Path storageConf = Files.writeString(dir.resolve("storage.conf"), """
                [storage]
                driver = "vfs"
                graphroot = "%s"
                runroot = "%s"
                """.formatted(storage.resolve("graph"), storage.resolve("run")));
        Path containersConf = Files.writeString(dir.resolve("containers.conf"), containersConf(dir, tmp, runtime));
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

    private static String containersConf(Path dir, Path tmp, OciRuntime runtime) {
        List<String> engine = new ArrayList<>(List.of(
                "events_logger = \"file\"",
                "events_logfile_path = \"" + dir.resolve("events.log") + "\"",
                "cgroup_manager = \"cgroupfs\"",
                "tmp_dir = \"" + tmp + "\""));
        runtime.name().ifPresent(name -> engine.add("runtime = \"" + name + "\""));
        return """
                [containers]
                default_ulimits = [%s]

                [engine]
                %s
                """.formatted(ULIMITS.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(", ")),
                String.join("\n", engine));
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
