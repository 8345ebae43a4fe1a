package io.stowage.oci;

/** A manifest reference: a tag or a digest (spec: {@code <reference>}). */
public sealed interface Reference permits Tag, Digest {

    /** A reference containing ':' is a digest, anything else a tag. */
    static Reference parse(String value) {
        if (value != null && value.indexOf(':') >= 0) {
            return Digest.parse(value);
        }
        return Tag.parse(value);
    }
}
