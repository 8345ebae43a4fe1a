package io.stowage.metadata;

import io.stowage.oci.Digest;

import java.time.Instant;
import java.util.Objects;

/**
 * A manifest no tag of its repository points at, with what retention decides from: when it was first pushed to the
 * repository and last pulled there ({@code lastPulledAt} null: never, as far as the store knows), its {@code subject}
 * (null: it is no referrer) and whether that subject is in the repository, whether an index of the repository lists
 * it ({@code listedByIndex}), and whether a manifest that has it as subject carries a tag ({@code taggedReferrer}).
 */
public record UntaggedManifest(Digest digest, Instant pushedAt, Instant lastPulledAt, Digest subject,
                               boolean subjectPresent, boolean listedByIndex, boolean taggedReferrer) {

    public UntaggedManifest {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(pushedAt, "pushedAt");
        if (subjectPresent && subject == null) {
            throw new IllegalArgumentException("only a manifest with a subject can have its subject present");
        }
    }

    /** The later of its push and last-pull time: how long it has been left alone is counted from here. */
    public Instant lastActiveAt() {
        return lastPulledAt != null && lastPulledAt.isAfter(pushedAt) ? lastPulledAt : pushedAt;
    }
}
