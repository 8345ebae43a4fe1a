package io.stowage.service.access.admin;

import java.util.List;

/** One page of a listing, and whether more follow it. */
public record Slice<T>(List<T> items, boolean more) {

    public Slice {
        items = List.copyOf(items);
    }

    /** The page of at most {@code limit} items from {@code fetched}, which was asked for {@code limit + 1}. */
    static <T> Slice<T> of(List<T> fetched, int limit) {
        return fetched.size() > limit ? new Slice<>(fetched.subList(0, limit), true) : new Slice<>(fetched, false);
    }

    /** The largest page size any listing returns. */
    public static final int MAX_LIMIT = 1000;

    static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_LIMIT + " entries");
        }
        return limit;
    }
}
