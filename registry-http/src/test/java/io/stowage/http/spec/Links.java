package io.stowage.http.spec;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Follows {@code Link: <...>; rel="next"} headers (RFC 8288) the way a client does. */
final class Links {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    /**
     * The next page's path and query, resolved against the request that got {@code response} (a Link may be
     * relative or absolute); null when there is no Link header.
     */
    static String next(Response response, String current) {
        String link = response.header("Link");
        if (link == null) {
            return null;
        }
        Matcher matcher = NEXT.matcher(link);
        assertThat(matcher.find()).as("Link header %s", link).isTrue();
        URI resolved = URI.create("http://registry" + current).resolve(matcher.group(1));
        return resolved.getRawPath() + (resolved.getRawQuery() == null ? "" : "?" + resolved.getRawQuery());
    }

    private Links() {
    }
}
