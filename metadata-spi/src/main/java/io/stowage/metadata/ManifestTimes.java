package io.stowage.metadata;

import io.stowage.oci.Digest;

import java.time.Instant;
import java.util.Objects;

/**
 * When a manifest was first pushed to its repository (pushing it again does not change this) and when it was last
 * pulled, by digest or through any tag ({@code lastPulledAt} null: never, as far as the store knows).
 */
public record ManifestTimes(Digest digest, Instant pushedAt, Instant lastPulledAt) {

    public ManifestTimes {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(pushedAt, "pushedAt");
    }
}
