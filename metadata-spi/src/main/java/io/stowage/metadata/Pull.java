package io.stowage.metadata;

import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;

import java.time.Instant;
import java.util.Objects;

/**
 * A pull of a manifest at {@code at}, through {@code tag} when it was pulled by tag (null: by digest). Times are kept
 * to the millisecond.
 */
public record Pull(RepositoryName repository, Digest manifest, Tag tag, Instant at) {

    public Pull {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(at, "at");
    }
}
