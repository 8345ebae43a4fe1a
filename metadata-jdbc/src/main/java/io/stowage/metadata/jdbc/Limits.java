package io.stowage.metadata.jdbc;

/** Argument checks shared by the listing methods. */
final class Limits {

    /** A page size: zero yields an empty page, a negative one is a caller bug. */
    static int check(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return limit;
    }

    private Limits() {
    }
}
