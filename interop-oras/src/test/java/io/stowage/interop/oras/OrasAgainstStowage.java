package io.stowage.interop.oras;

import io.stowage.interop.RegistryUnderTest;

import land.oras.ContainerRef;
import land.oras.Registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The registry jar started as a process (or a cluster of them, see {@link RegistryUnderTest}), and an ORAS SDK client for it over plain HTTP. One per test class: the
 * classes use distinct repositories, so they need no cleanup between tests.
 */
final class OrasAgainstStowage implements AutoCloseable {

    /** How long an access-log line may trail the response it describes; only a bound on waiting, never asserted. */
    private static final Duration LOG_GRACE = Duration.ofSeconds(10);

    private final RegistryUnderTest registry;
    private final Registry client;

    private OrasAgainstStowage(RegistryUnderTest registry, Registry client) {
        this.registry = registry;
        this.client = client;
    }

    static OrasAgainstStowage start(Path dir) throws Exception {
        RegistryUnderTest registry = RegistryUnderTest.start(dir);
        // insecure(): plain HTTP (and no TLS verification, moot here); no credentials, the registry has no auth yet.
        return new OrasAgainstStowage(registry, Registry.builder().insecure().build());
    }

    Registry client() {
        return client;
    }

    /** {@code repository[:tag]} on this registry, fully qualified so that no registries.conf lookup applies. */
    ContainerRef ref(String repositoryAndTag) {
        return ContainerRef.parse(registry.hostPort() + "/" + repositoryAndTag);
    }

    /**
     * The SDK's requests matching {@code filter}, once at least {@code expected} of them are logged. The registry
     * writes an access-log line as a request completes, which may be just after the client has its response.
     */
    List<AccessLogEntry> orasRequests(Predicate<AccessLogEntry> filter, int expected) throws Exception {
        long deadline = System.nanoTime() + LOG_GRACE.toNanos();
        while (true) {
            List<AccessLogEntry> matching = AccessLogEntry.parseAll(registry.output()).stream()
                    .filter(AccessLogEntry::fromOrasSdk)
                    .filter(filter)
                    .toList();
            if (matching.size() >= expected || System.nanoTime() > deadline) {
                return matching;
            }
            Thread.sleep(50);
        }
    }

    String registryLog() throws Exception {
        return registry.output();
    }

    @Override
    public void close() throws Exception {
        registry.close();
    }
}
