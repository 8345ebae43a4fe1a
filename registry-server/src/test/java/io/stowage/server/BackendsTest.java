package io.stowage.server;

import io.stowage.storage.ObjectStore;
import io.stowage.storage.fs.FileSystemObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendsTest {

    private static final String DIRECT_WRITES = Setting.STORAGE_FS_DIRECT_WRITES.environmentVariable();

    @TempDir
    Path data;

    @Test
    void filesystemStorageWritesDirectUnlessTurnedOff() {
        try (ObjectStore byDefault = Backends.objectStore(config(Map.of()));
             ObjectStore off = Backends.objectStore(config(Map.of(DIRECT_WRITES, "false")))) {
            assertThat(((FileSystemObjectStore) byDefault).writesDirect())
                    .as("the filesystem of %s takes O_DIRECT", data).isTrue();
            assertThat(((FileSystemObjectStore) off).writesDirect()).isFalse();
        }
    }

    @Test
    void aDirectWritesValueThatIsNoBooleanIsRefused() {
        assertThatThrownBy(() -> Backends.objectStore(config(Map.of(DIRECT_WRITES, "sometimes"))))
                .isInstanceOf(Config.ConfigException.class).hasMessageContaining("storage.filesystem.directWrites");
    }

    private Config config(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("STOWAGE_DATA", data.toString());
        return Config.load(Optional.empty(), all, Map.of());
    }
}
