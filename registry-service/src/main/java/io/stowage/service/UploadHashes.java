package io.stowage.service;

import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Running sha256 states of active uploads, keyed by session and valid only at a given offset. A cache: a missing or
 * stale entry (after a restart, or on another node) makes the caller hash the stored bytes instead.
 */
final class UploadHashes {

    private static final int MAX_ENTRIES = 10_000;

    private record State(long offset, MessageDigest digest) {
    }

    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    /**
     * Removes and returns the state if it is at {@code offset}; a fresh digest when {@code offset} is 0; null when the
     * state is unknown (hashing must then start over from the stored bytes).
     */
    MessageDigest take(UploadId id, long offset) {
        State state = states.remove(id.value());
        if (state != null && state.offset() == offset) {
            return state.digest();
        }
        return offset == 0 ? io.stowage.oci.DigestAlgorithm.SHA256.newMessageDigest() : null;
    }

    void put(UploadId id, long offset, MessageDigest digest) {
        if (states.size() >= MAX_ENTRIES) {
            // Abandoned sessions must not grow memory without bound; dropping a state only costs a re-hash.
            states.clear();
        }
        states.put(id.value(), new State(offset, digest));
    }

    void forget(UploadId id) {
        states.remove(id.value());
    }
}
