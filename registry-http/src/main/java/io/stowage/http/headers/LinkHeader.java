package io.stowage.http.headers;

/** The RFC 8288 {@code Link} header that points tag and referrer listings at their next page. */
public final class LinkHeader {

    /**
     * {@code <pathAndQuery>; rel="next"}. The target must already be percent-encoded (see
     * {@link QueryParameters#encode(String)}): anything outside visible ASCII, or an angle bracket, could end the
     * URI reference early or split the header, so it is refused rather than passed through.
     */
    public static String next(String pathAndQuery) {
        if (pathAndQuery == null || pathAndQuery.isEmpty()) {
            throw new IllegalArgumentException("empty link target");
        }
        for (int i = 0; i < pathAndQuery.length(); i++) {
            char c = pathAndQuery.charAt(i);
            if (c <= ' ' || c > '~' || c == '<' || c == '>') {
                throw new IllegalArgumentException("link target is not an encoded URI reference");
            }
        }
        return "<" + pathAndQuery + ">; rel=\"next\"";
    }

    private LinkHeader() {
    }
}
