package io.stowage.oci;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * Tags in listing order ({@link Tag#ORDER}, no duplicates), held as their names joined by {@link #SEPARATOR} in one
 * ASCII byte array: a list of thousands of tags is two arrays, not thousands of objects, and a response can copy the
 * names in one pass. Validated once as a whole when built; {@link #get} makes the {@link Tag} on demand.
 */
public final class TagList extends AbstractList<Tag> implements RandomAccess {

    /** Not in the tag grammar, so the names split unambiguously. */
    public static final char SEPARATOR = ',';

    private static final TagList EMPTY = new TagList(new byte[0], new int[0], 0);

    private final byte[] joined;
    /** {@code ends[i]}: the index just after the i-th name in {@link #joined}. */
    private final int[] ends;
    private final int size;

    private TagList(byte[] joined, int[] ends, int size) {
        this.joined = joined;
        this.ends = ends;
        this.size = size;
    }

    public static TagList empty() {
        return EMPTY;
    }

    /** The tags of {@code tags}, put in listing order; duplicates are rejected. */
    public static TagList of(List<Tag> tags) {
        List<Tag> sorted = new ArrayList<>(tags);
        sorted.sort(null);
        StringBuilder names = new StringBuilder();
        for (Tag tag : sorted) {
            if (!names.isEmpty()) {
                names.append(SEPARATOR);
            }
            names.append(tag.value());
        }
        return parseJoined(names.toString().getBytes(StandardCharsets.US_ASCII), sorted.size());
    }

    /**
     * Tags from {@code count} names joined by {@link #SEPARATOR} (an empty array for none). Each must be a valid tag;
     * names not in listing order are put in it (an aggregate in SQL promises no order).
     *
     * @throws IllegalArgumentException if a name is invalid, a name repeats or the count differs
     */
    public static TagList parseJoined(byte[] joined, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count");
        }
        if (count == 0) {
            if (joined.length != 0) {
                throw new IllegalArgumentException("names for an empty tag list");
            }
            return EMPTY;
        }
        int[] ends = new int[count];
        int n = 0;
        int start = 0;
        boolean ordered = true;
        int previousStart = -1;
        for (int i = 0; i <= joined.length; i++) {
            if (i == joined.length || joined[i] == SEPARATOR) {
                if (n == count || !validName(joined, start, i)) {
                    throw new IllegalArgumentException("invalid tag list");
                }
                if (previousStart >= 0 && ordered && compare(joined, previousStart, ends[n - 1], start, i) >= 0) {
                    ordered = false;
                }
                ends[n++] = i;
                previousStart = start;
                start = i + 1;
            }
        }
        if (n != count) {
            throw new IllegalArgumentException("invalid tag list");
        }
        TagList list = new TagList(joined, ends, count);
        return ordered ? list : resorted(list);
    }

    /** The first {@code n} tags (all of them when there are fewer). */
    public TagList first(int n) {
        if (n >= size) {
            return this;
        }
        return n <= 0 ? EMPTY : new TagList(joined, ends, n);
    }

    @Override
    public Tag get(int index) {
        return new Tag(name(index));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public List<Tag> subList(int fromIndex, int toIndex) {
        return fromIndex == 0 && toIndex <= size ? first(toIndex) : super.subList(fromIndex, toIndex);
    }

    /** The bytes of the names joined by {@link #SEPARATOR} ({@link #joinedLength} of them) copied into {@code target}. */
    public void copyJoined(byte[] target, int offset) {
        System.arraycopy(joined, 0, target, offset, joinedLength());
    }

    public int joinedLength() {
        return size == 0 ? 0 : ends[size - 1];
    }

    private String name(int index) {
        java.util.Objects.checkIndex(index, size);
        int start = index == 0 ? 0 : ends[index - 1] + 1;
        return new String(joined, start, ends[index] - start, StandardCharsets.US_ASCII);
    }

    /** {@link Tag#isValid} on bytes. */
    private static boolean validName(byte[] b, int from, int to) {
        int length = to - from;
        if (length < 1 || length > Tag.MAX_LENGTH) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Tag.allowedAt(i - from, b[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** {@link Tag#ORDER} on two valid (ASCII) names: ASCII case folded first, then the exact name. */
    private static int compare(byte[] b, int from1, int to1, int from2, int to2) {
        int common = Math.min(to1 - from1, to2 - from2);
        for (int i = 0; i < common; i++) {
            int c1 = lower(b[from1 + i]);
            int c2 = lower(b[from2 + i]);
            if (c1 != c2) {
                return c1 - c2;
            }
        }
        if (to1 - from1 != to2 - from2) {
            return (to1 - from1) - (to2 - from2);
        }
        return Arrays.compare(b, from1, to1, b, from2, to2);
    }

    private static int lower(byte c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    private static TagList resorted(TagList unordered) {
        List<String> names = new ArrayList<>(unordered.size);
        for (int i = 0; i < unordered.size; i++) {
            names.add(unordered.name(i));
        }
        names.sort(Tag.ORDER);
        for (int i = 1; i < names.size(); i++) {
            if (names.get(i).equals(names.get(i - 1))) {
                throw new IllegalArgumentException("a tag repeats");
            }
        }
        return parseJoined(String.join(String.valueOf(SEPARATOR), names).getBytes(StandardCharsets.US_ASCII),
                names.size());
    }
}
