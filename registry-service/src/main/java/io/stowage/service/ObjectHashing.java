package io.stowage.service;

import io.stowage.memory.MemoryBudget;
import io.stowage.storage.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes a stored object through one buffer from the heap's budget for transfers. */
final class ObjectHashing {

    private static final int BUFFER = 256 * 1024;
    private static final int MINIMUM_BUFFER = 16 * 1024;

    private ObjectHashing() {
    }

    /**
     * Feeds the whole object {@code key} to {@code hash} and returns how many bytes it had.
     *
     * @throws io.stowage.storage.ObjectNotFoundException when there is no such object
     * @throws IOException when storage fails to deliver it, or the wait for memory is interrupted
     */
    static long hash(ObjectStore objects, String key, MessageDigest hash) throws IOException {
        try (MemoryBudget.Grant grant = MemoryBudget.heap().take(BUFFER, MINIMUM_BUFFER);
             InputStream in = objects.read(key, 0)) {
            byte[] buffer = new byte[grant.bytes()];
            long read = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                hash.update(buffer, 0, n);
                read += n;
            }
            return read;
        }
    }
}
