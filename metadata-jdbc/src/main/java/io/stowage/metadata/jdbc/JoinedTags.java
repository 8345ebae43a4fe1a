package io.stowage.metadata.jdbc;

import io.stowage.oci.TagList;

import java.nio.charset.StandardCharsets;

/**
 * A page of tag names as the database returns it in one value, joined by {@link TagList#SEPARATOR}, with the number of
 * rows. One value instead of one row per tag because the driver's cost per row (several native calls each) was most of
 * a 5,000-tag list's time.
 */
final class JoinedTags {

    /**
     * The {@code count} tags in {@code joined} (null when there are none). The aggregate reads an ordered subquery,
     * which engines follow in practice but SQL does not promise, so {@link TagList#parseJoined} checks the order and
     * would restore it (the page's rows are the right ones either way: the subquery's LIMIT picked them in order).
     */
    static TagList parse(String joined, long count) throws CorruptRowException {
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw new CorruptRowException("stored tag list does not match its row count");
        }
        // Tags are ASCII: any other character becomes '?', which no tag holds, so it is caught as invalid.
        byte[] bytes = joined == null ? new byte[0] : joined.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return TagList.parseJoined(bytes, (int) count);
        } catch (IllegalArgumentException e) {
            // A stored name holding the separator splits into more names than rows: corrupt, not two tags.
            throw new CorruptRowException("stored tag list is invalid or does not match its row count");
        }
    }

    private JoinedTags() {
    }
}
