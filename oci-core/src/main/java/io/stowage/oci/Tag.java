package io.stowage.oci;

import io.stowage.oci.error.NameInvalidException;

import java.util.Comparator;
import java.util.regex.Pattern;

/** A tag (an invalid one is {@code NAME_INVALID}, as the issue asks; the spec names no tag error), {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}} (distribution spec, "Pulling manifests"). */
public record Tag(String value) implements Reference, Comparable<Tag> {

    /**
     * The order of tag lists: the spec asks for "lexical order (i.e. case-insensitive alphanumeric order)"; ties
     * between names that differ only in case are broken by the exact name, so the order is total and pages by
     * {@code last} never skip or repeat a tag.
     */
    public static final Comparator<String> ORDER =
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

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
        return ORDER.compare(value, other.value);
    }

}
