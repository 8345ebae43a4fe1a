package io.stowage.interop;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The registry a client test talks to: one process on the embedded default, or a scale-out cluster behind a load
 * balancer. Which one {@link #start} gives is chosen by the system property {@value #TOPOLOGY} ({@code single}, the
 * default, or {@code cluster}), so the same real-client tests run against both deployments.
 */
public interface RegistryUnderTest extends AutoCloseable {

    String TOPOLOGY = "stowage.it.topology";

    static RegistryUnderTest start(Path dir) throws Exception {
        String topology = System.getProperty(TOPOLOGY, "single");
        return switch (topology) {
            case "single" -> RegistryProcess.start(dir.resolve("data"));
            case "cluster" -> Cluster.start(dir.resolve("cluster"), 2);
            default -> throw new IllegalArgumentException(TOPOLOGY + ": unknown topology " + topology);
        };
    }

    /** {@code 127.0.0.1:PORT}, as clients name the registry. */
    String hostPort();

    URI uri(String pathAndQuery);

    /** Everything the registry logged so far (every node's log, for a cluster). */
    String output() throws IOException;

    /** Stops gracefully; returns the exit code of the (last) process. */
    int stop() throws Exception;
}
