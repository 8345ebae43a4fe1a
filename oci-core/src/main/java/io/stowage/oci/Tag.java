package io.stowage.oci;

import io.stowage.oci.error.NameInvalidException;

import java.util.regex.Pattern;

/** A tag (an invalid one is {@code NAME_INVALID}, as the issue asks; the spec names no tag error), {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}} (distribution spec, "Pulling manifests"). */
public record Tag(String value) implements Reference, Comparable<Tag> {

    private static final Pattern GRAMMAR = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    public Tag {
        if (value == null || value.length() > 128 || !GRAMMAR.matcher(value).matches()) {
            throw new NameInvalidException("invalid tag", value == null ? "" : DigestAlgorithm.truncate(value));
        }
    }

    public static Tag parse(String value) {
        return new Tag(value);
    }

    public static boolean isValid(String value) {
        return value != null && value.length() <= 128 && GRAMMAR.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public int compareTo(Tag other) {
        return value.compareTo(other.value);
    }

}
