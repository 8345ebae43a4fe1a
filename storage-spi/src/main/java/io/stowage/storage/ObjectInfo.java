package io.stowage.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link ObjectStore#stat} knows of an object. {@code version} is opaque: a store that can tell one stored
 * object from another fills it with something that changes whenever the object is replaced or its bytes are written
 * (the filesystem store: device, inode and change time), so equal infos mean the same, unchanged object. It is empty
 * when the store cannot tell; then equal infos prove nothing.
 */
public record ObjectInfo(String key, long size, Instant lastModified, String version) {

    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(version, "version");
    }

    /** Without a version: the store cannot tell one object from another of the same size and time. */
    public ObjectInfo(String key, long size, Instant lastModified) {
        this(key, size, lastModified, "");
    }

    /** Whether this names the object's version (see the class comment). */
    public boolean hasVersion() {
        return !version.isEmpty();
    }
}
