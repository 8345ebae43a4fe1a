package io.stowage.interop.oras;

import land.oras.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** One registry process and one ORAS client per test class; the classes run one after another. */
abstract class OrasTestBase {

    @TempDir
    static Path dir;
    static OrasAgainstStowage stowage;
    static Registry oras;

    @BeforeAll
    static void startRegistry() throws Exception {
        stowage = OrasAgainstStowage.start(dir);
        oras = stowage.client();
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (stowage != null) {
            stowage.close();
            stowage = null;
        }
    }
}
