package io.stowage.service;

import io.stowage.memory.MemoryBudget;
import io.stowage.storage.ObjectNotFoundException;
import io.stowage.storage.ObjectStore;
import io.stowage.storage.fs.FileSystemObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectHashingTest {

    @TempDir
    Path temp;

    @Test
    void hashesTheWholeObjectAndGivesItsBufferBack() throws Exception {
        byte[] content = new byte[1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        long before = MemoryBudget.heap().availableBytes();
        try (ObjectStore objects = FileSystemObjectStore.open(temp)) {
            objects.append("a/b", new ByteArrayInputStream(content));
            MessageDigest hash = MessageDigest.getInstance("SHA-256");

            assertThat(ObjectHashing.hash(objects, "a/b", hash)).isEqualTo(content.length);

            assertThat(hash.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
            assertThatThrownBy(() -> ObjectHashing.hash(objects, "a/missing", MessageDigest.getInstance("SHA-256")))
                    .isInstanceOf(ObjectNotFoundException.class);
        }
        assertThat(MemoryBudget.heap().availableBytes()).isEqualTo(before);
    }
}
