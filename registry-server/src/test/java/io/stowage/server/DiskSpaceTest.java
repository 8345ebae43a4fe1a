package io.stowage.server;

import io.stowage.http.metrics.Metrics;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DiskSpaceTest {

    @TempDir
    Path directory;

    @Test
    void reportsTheFileSystemOfTheDirectory() throws Exception {
        DiskSpace space = DiskSpace.of(directory);
        FileStore store = Files.getFileStore(directory);

        assertThat(space.sizeBytes()).isEqualTo(store.getTotalSpace()).isPositive();
        // Other processes write to the same file system meanwhile: free space is only compared within a margin.
        assertThat(space.freeBytes()).isPositive().isLessThanOrEqualTo(space.sizeBytes())
                .isCloseTo(store.getUsableSpace(), Offset.offset(512L << 20));
    }

    @Test
    void aDirectoryThatCannotBeFoundReportsUnknownInsteadOfFailing() {
        DiskSpace space = DiskSpace.of(directory.resolve("missing"));

        assertThat(space.freeBytes()).isEqualTo(DiskSpace.UNKNOWN);
        assertThat(space.sizeBytes()).isEqualTo(DiskSpace.UNKNOWN);
    }

    @Test
    void registersAFreeAndASizeGauge() throws Exception {
        Metrics metrics = new Metrics();
        DiskSpace.of(directory).register(metrics, "stowage_test_storage", "a test directory");
        StringBuilder scrape = new StringBuilder();
        metrics.writeTo(scrape);

        assertThat(scrape.toString()).contains("# TYPE stowage_test_storage_free_bytes gauge",
                "# TYPE stowage_test_storage_size_bytes gauge",
                "stowage_test_storage_size_bytes " + Files.getFileStore(directory).getTotalSpace());
    }
}
