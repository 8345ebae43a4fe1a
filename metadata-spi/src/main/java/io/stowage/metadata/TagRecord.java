package io.stowage.metadata;

import io.stowage.oci.Digest;
import io.stowage.oci.Tag;

import java.time.Instant;
import java.util.Objects;

/**
 * A tag with what lifecycle decisions need: the manifest it points at, when it was last pushed (pointed at a manifest,
 * moved or not) and when it was last pulled by its name, whichever manifest it pointed at then ({@code lastPulledAt}
 * null: never, as far as the store knows).
 */
public record TagRecord(Tag tag, Digest manifest, Instant pushedAt, Instant lastPulledAt) {

    public TagRecord {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(pushedAt, "pushedAt");
    }
}
