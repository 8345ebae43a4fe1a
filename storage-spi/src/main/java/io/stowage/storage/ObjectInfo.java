package io.stowage.storage;

import java.time.Instant;

/** What {@link ObjectStore#stat} knows of an object. */
public record ObjectInfo(String key, long size, Instant lastModified) {
}
