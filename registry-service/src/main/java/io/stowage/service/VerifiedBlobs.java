package io.stowage.service;

import io.stowage.oci.Digest;
import io.stowage.storage.ObjectInfo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The blobs this node has verified lately, each with the stored object it verified as {@code ObjectStore.stat} saw
 * it (size, modification time and version). Verification on read skips hashing a download only when storage still
 * shows exactly that object and the verification is younger than {@code remember}: a replaced or rewritten object
 * has another version, so it is hashed again. Only objects with a version are remembered (a store without versions
 * cannot tell a changed object). In memory and bounded: at most {@code capacity} blobs, the least recently used
 * forgotten first; nothing survives a restart, so every blob is hashed on its first download after one.
 */
public final class VerifiedBlobs {

    /** The memory that remembers nothing: every whole download is hashed. */
    public static final VerifiedBlobs NONE = new VerifiedBlobs(Duration.ZERO, 1, Clock.systemUTC());

    private record Verified(ObjectInfo object, Instant at) {
    }

    private final Duration remember;
    private final int capacity;
    private final Clock clock;
    private final Map<Digest, Verified> verified;

    /** {@code remember} zero: remembers nothing. */
    public VerifiedBlobs(Duration remember, int capacity, Clock clock) {
        if (remember.isNegative()) {
            throw new IllegalArgumentException("negative duration " + remember);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.remember = remember;
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.verified = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** Whether anything is ever remembered; when not, callers need not look at storage for it. */
    public boolean enabled() {
        return !remember.isZero();
    }

    /** Remembers that {@code object}, just seen in storage, holds exactly the bytes of {@code digest}. */
    public void verified(Digest digest, ObjectInfo object) {
        if (!enabled() || !object.hasVersion()) {
            return;
        }
        Verified entry = new Verified(object, clock.instant());
        synchronized (verified) {
            verified.put(digest, entry);
            if (verified.size() > capacity) {
                verified.remove(verified.keySet().iterator().next());
            }
        }
    }

    /**
     * Whether {@code object}, as storage shows it now, is one this node verified to hold {@code digest} less than
     * {@code remember} ago. A different object, or an old verification, is forgotten.
     */
    public boolean vouchesFor(Digest digest, ObjectInfo object) {
        if (!enabled() || !object.hasVersion()) {
            return false;
        }
        Instant now = clock.instant();
        synchronized (verified) {
            Verified entry = verified.get(digest);
            if (entry == null) {
                return false;
            }
            Duration age = Duration.between(entry.at(), now);
            if (entry.object().equals(object) && !age.isNegative() && age.compareTo(remember) < 0) {
                return true;
            }
            verified.remove(digest);
            return false;
        }
    }

    /** Forgets a blob, e.g. one found not to match its digest. */
    public void forget(Digest digest) {
        synchronized (verified) {
            verified.remove(digest);
        }
    }

    /** How many blobs are remembered. */
    int size() {
        synchronized (verified) {
            return verified.size();
        }
    }
}
