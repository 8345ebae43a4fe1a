package io.stowage.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * podman and skopeo pointed at configuration files of their own under the test's directory: vfs storage there, the
 * registry under test marked insecure, an empty auth file. Nothing is read from or left in the host's container
 * storage or configuration.
 */
final class ContainerTools {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /**
     * podman asks the OCI runtime for RLIMIT_NOFILE 1048576 and RLIMIT_NPROC 4194304 when it runs as root; raising a
     * limit above the current hard limit needs CAP_SYS_RESOURCE, which a sandboxed CI root may lack (it does here),
     * and then every container fails to start with "setrlimit ... operation not permitted". These stay below any
     * usual hard limit and are plenty for one registry.
     */
    static final List<String> ULIMITS = List.of("nofile=4096:4096", "nproc=4096:4096");

    private final Path directory;
    private final Map<String, String> environment;

    private ContainerTools(Path directory, Map<String, String> environment) {
        this.directory = directory;
        this.environment = environment;
    }

    static ContainerTools configure(Path directory, String insecureRegistry, OciRuntime runtime) throws IOException {
        Path tmp = Files.createDirectories(directory.resolve("tmp"));
        Path storage = directory.resolve("storage");
        Path storageConf = Files.writeString(directory.resolve("storage.conf"), """
                [storage]
                driver = "vfs"
                graphroot = "%s"
                runroot = "%s"
                """.formatted(storage.resolve("graph"), storage.resolve("run")));
        List<String> engine = new ArrayList<>(List.of(
                "events_logger = \"file\"",
                "events_logfile_path = \"" + directory.resolve("events.log") + "\"",
                "cgroup_manager = \"cgroupfs\"",
                "tmp_dir = \"" + tmp + "\""));
        runtime.name().ifPresent(name -> engine.add("runtime = \"" + name + "\""));
        Path containersConf = Files.writeString(directory.resolve("containers.conf"), """
                [containers]
                default_ulimits = [%s]

                [engine]
                %s
                """.formatted(String.join(", ", ULIMITS.stream().map(u -> "\"" + u + "\"").toList()),
                String.join("\n", engine)));
        Path registriesConf = Files.writeString(directory.resolve("registries.conf"), """
                unqualified-search-registries = []

                [[registry]]
                location = "%s"
                insecure = true
                """.formatted(insecureRegistry));
        // podman refuses to start when the auth file does not exist, so it is created empty.
        Path authFile = Files.writeString(directory.resolve("auth.json"), "{}");
        return new ContainerTools(directory, Map.of(
                "CONTAINERS_STORAGE_CONF", storageConf.toString(),
                "CONTAINERS_CONF", containersConf.toString(),
                "CONTAINERS_REGISTRIES_CONF", registriesConf.toString(),
                "REGISTRY_AUTH_FILE", authFile.toString(),
                // Layers are staged in TMPDIR while pulling; keep them in the test's directory.
                "TMPDIR", tmp.toString()));
    }

    CommandResult run(String... command) throws IOException, InterruptedException {
        return Commands.run(directory.resolve("output"), environment, TIMEOUT, List.of(command));
    }

    CommandResult runOk(String... command) throws IOException, InterruptedException {
        CommandResult result = run(command);
        if (!result.succeeded()) {
            throw new AssertionError("command failed\n" + result.describe());
        }
        return result;
    }
}
