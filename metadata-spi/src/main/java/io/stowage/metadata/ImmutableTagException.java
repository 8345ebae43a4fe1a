package io.stowage.metadata;

import io.stowage.oci.Tag;

import java.util.Objects;

/**
 * A put or delete was refused, writing nothing, because it would have moved or removed a tag that the caller's
 * immutability test accepted (see {@link ManifestIndex#put(ManifestRecord, java.util.Collection,
 * java.util.Collection, java.util.Collection, java.util.function.Predicate)}). Not a backend failure: the caller
 * turns it into its own refusal.
 */
public final class ImmutableTagException extends RuntimeException {

    private final transient Tag tag;

    public ImmutableTagException(Tag tag) {
        super("tag " + Objects.requireNonNull(tag, "tag").value() + " is immutable", null, false, false);
        this.tag = tag;
    }

    /** The immutable tag the write would have moved or removed. */
    public Tag tag() {
        return tag;
    }
}
