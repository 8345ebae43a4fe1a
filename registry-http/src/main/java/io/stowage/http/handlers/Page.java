package io.stowage.http.handlers;

import io.stowage.http.Exchange;
import io.stowage.http.headers.LinkHeader;
import io.stowage.http.headers.QueryParameters;
import io.stowage.oci.error.ParameterInvalidException;

import java.util.List;
import java.util.Optional;

/**
 * Pagination by {@code n} and {@code last} for tag lists, the catalog and referrers. A page holds at most
 * {@link #MAX} entries; when more follow, the response carries a {@code Link: <...>; rel="next"} header.
 */
record Page(int size, String last) {

    static final int MAX = 10_000;

    static Page from(Exchange exchange, int defaultSize) {
        QueryParameters query = exchange.query();
        int size = defaultSize;
        Optional<String> n = query.first("n");
        if (n.isPresent()) {
            long requested;
            try {
                requested = Long.parseLong(n.get());
            } catch (NumberFormatException e) {
                throw new ParameterInvalidException("n must be a non-negative integer");
            }
            // A negative count is a client bug; answering it as n=0 would hide it behind an empty page.
            if (requested < 0) {
                throw new ParameterInvalidException("n must be a non-negative integer");
            }
            size = (int) Math.min(MAX, requested);
        }
        return new Page(size, query.first("last").orElse(null));
    }

    /** Fetch one more than the page size to learn whether another page follows. */
    int fetchSize() {
        return size + 1;
    }

    /**
     * Trims {@code fetched} to the page and sets the Link header when more follow. {@code nextLink} builds the
     * next page's URL from the last entry shown.
     */
    <T> List<T> apply(List<T> fetched, Exchange exchange, java.util.function.Function<T, String> nextLink) {
        if (size == 0) {
            return List.of();
        }
        if (!more(fetched.size())) {
            return fetched;
        }
        List<T> page = fetched.subList(0, size);
        exchange.setHeader(Headers.LINK, LinkHeader.next(nextLink.apply(page.get(page.size() - 1))));
        return page;
    }

    /** Whether {@code fetched} entries (read with {@link #fetchSize}) mean another page follows this one. */
    boolean more(int fetched) {
        return size > 0 && fetched > size;
    }
}
