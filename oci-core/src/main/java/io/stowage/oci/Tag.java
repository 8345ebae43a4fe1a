package io.stowage.oci;

import io.stowage.oci.error.NameInvalidException;

import java.util.Comparator;

/** A tag (an invalid one is {@code NAME_INVALID}, as the issue asks; the spec names no tag error), {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}} (distribution spec, "Pulling manifests"). */
public record Tag(String value) implements Reference, Comparable<Tag> {

    /**
     * The order of tag lists: the spec asks for "lexical order (i.e. case-insensitive alphanumeric order)"; ties
     * between names that differ only in case are broken by the exact name, so the order is total and pages by
     * {@code last} never skip or repeat a tag.
     */
    public static final Comparator<String> ORDER =
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    static final int MAX_LENGTH = 128;

    public Tag {
        if (!isValid(value)) {
            throw new NameInvalidException("invalid tag", value == null ? "" : DigestAlgorithm.truncate(value));
        }
    }

    public static Tag parse(String value) {
        return new Tag(value);
    }

    /**
     * The grammar checked character by character rather than by a regular expression: every tag read back from the
     * metadata store is checked again, and a tag list holds thousands of them.
     */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!allowedAt(i, value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether character {@code c} may stand at {@code index} of a tag: {@code [a-zA-Z0-9_]} first, then also '.'
     * and '-'. The one statement of the grammar, shared with {@link TagList}, which checks names as bytes.
     */
    static boolean allowedAt(int index, int c) {
        boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        return word || index > 0 && (c == '.' || c == '-');
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
