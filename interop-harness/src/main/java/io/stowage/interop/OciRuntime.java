package io.stowage.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which OCI runtime podman must use to run containers on this host; empty leaves podman's own choice. crun (podman's
 * default on Debian 12, version 1.8) refuses to create any container when cgroups are mounted in hybrid mode and the
 * cgroup v2 hierarchy has a controller enabled ("cgroups in hybrid mode not supported, drop all controllers from
 * cgroupv2"), even with cgroups disabled; CI machines here are set up exactly so. runc copes with that layout.
 */
public record OciRuntime(Optional<String> name) {

    /**
     * podman's own choice. Right for tests that never start a container (push, pull, build from scratch), which
     * then need no runc on hybrid-cgroup hosts.
     */
    public static final OciRuntime PODMAN_DEFAULT = new OciRuntime(Optional.empty());

    private static final Path UNIFIED_CONTROLLERS = Path.of("/sys/fs/cgroup/unified/cgroup.controllers");
    private static final List<Path> RUNC = List.of(Path.of("/usr/bin/runc"), Path.of("/usr/sbin/runc"));

    /** A runtime that can start containers here: runc where crun cannot, else podman's default. */
    public static OciRuntime forThisHost() throws IOException {
        boolean hybridWithControllers = Files.isReadable(UNIFIED_CONTROLLERS)
                && !Files.readString(UNIFIED_CONTROLLERS).isBlank();
        if (!hybridWithControllers) {
            return PODMAN_DEFAULT;
        }
        if (RUNC.stream().noneMatch(Files::isExecutable)) {
            throw new AssertionError("this host mounts cgroups in hybrid mode with controllers on cgroup v2 ("
                    + UNIFIED_CONTROLLERS + "), where crun cannot run containers; install runc (apt-get install runc)");
        }
        return new OciRuntime(Optional.of("runc"));
    }
}
