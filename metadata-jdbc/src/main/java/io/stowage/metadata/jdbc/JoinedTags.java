package io.stowage.metadata.jdbc;

import io.stowage.oci.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * A page of tag names as the database returns it in one value: joined by {@link #SEPARATOR}, which no tag contains.
 * One value instead of one row per tag because the driver's cost per row (several native calls each) was most of a
 * 5,000-tag list's time.
 */
final class JoinedTags {

    /** Not in the tag grammar, so the split is unambiguous. */
    static final char SEPARATOR = ',';

    /**
     * The tags in {@code joined} (null when there are none), which must be {@code count} valid names. They come back
     * in {@link Tag#ORDER}: the aggregate reads an ordered subquery, which engines follow in practice but SQL does not
     * promise, so the order is checked and, should it ever differ, restored (the page's rows are the right ones
     * either way: the subquery's LIMIT picked them in order).
     */
    static List<Tag> split(String joined, long count) throws CorruptRowException {
        if (joined == null) {
            if (count != 0) {
                throw new CorruptRowException("stored tag list is incomplete");
            }
            return List.of();
        }
        List<Tag> tags = new ArrayList<>((int) Math.min(count, Integer.MAX_VALUE));
        boolean ordered = true;
        String previous = null;
        int start = 0;
        while (true) {
            int end = joined.indexOf(SEPARATOR, start);
            String name = joined.substring(start, end < 0 ? joined.length() : end);
            // A stored name holding the separator would split into more names than rows: corrupt, not two tags.
            if (tags.size() == count) {
                throw new CorruptRowException("stored tag list does not match its row count");
            }
            tags.add(Columns.tag(name));
            if (ordered && previous != null && Tag.ORDER.compare(previous, name) >= 0) {
                ordered = false;
            }
            previous = name;
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        if (tags.size() != count) {
            throw new CorruptRowException("stored tag list does not match its row count");
        }
        if (!ordered) {
            tags.sort(null);
        }
        return tags;
    }

    private JoinedTags() {
    }
}
