package io.stowage.http.spec;

import io.stowage.http.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** One in-process registry and one client per test class; the classes run one after another. */
abstract class SpecTestBase {

    @TempDir
    static Path data;
    static TestRegistry registry;
    static RegistryClient client;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = TestRegistry.start(data);
        client = new RegistryClient(registry);
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }
}
