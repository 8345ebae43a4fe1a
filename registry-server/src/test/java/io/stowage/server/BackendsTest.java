package io.stowage.server;

import com.sun.nio.file.ExtendedOpenOption;
import io.stowage.storage.ObjectStore;
import io.stowage.storage.fs.FileSystemObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class BackendsTest {

    private static final String DIRECT_WRITES = Setting.STORAGE_FS_DIRECT_WRITES.environmentVariable();

    @TempDir
    Path data;

    @Test
    void filesystemStorageWritesDirectUnlessTurnedOff() {
        try (ObjectStore byDefault = Backends.objectStore(config(Map.of()));
             ObjectStore off = Backends.objectStore(config(Map.of(DIRECT_WRITES, "false")))) {
            assertThat(((FileSystemObjectStore) off).writesDirect()).isFalse();
            assumeThat(takesDirectWrites(data)).as("the filesystem of %s takes O_DIRECT", data).isTrue();
            assertThat(((FileSystemObjectStore) byDefault).writesDirect()).isTrue();
        }
    }

    @Test
    void aDirectWritesValueThatIsNoBooleanIsRefused() {
        assertThatThrownBy(() -> Backends.objectStore(config(Map.of(DIRECT_WRITES, "sometimes"))))
                .isInstanceOf(Config.ConfigException.class).hasMessageContaining("storage.filesystem.directWrites");
    }

    /** Written independently of the store's own probe: one aligned block through {@code O_DIRECT}. */
    private static boolean takesDirectWrites(Path directory) {
        Path file = directory.resolve("direct-check");
        try {
            int block = (int) Files.getFileStore(directory).getBlockSize();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    ExtendedOpenOption.DIRECT)) {
                channel.write(ByteBuffer.allocateDirect(2 * block).alignedSlice(block).limit(block), 0);
            }
            Files.delete(file);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private Config config(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("STOWAGE_DATA", data.toString());
        return Config.load(Optional.empty(), all, Map.of());
    }
}
