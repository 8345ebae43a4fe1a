package io.stowage.http.handlers;

import io.stowage.http.Exchange;
import io.stowage.http.headers.LinkHeader;
import io.stowage.http.headers.QueryParameters;
import io.stowage.http.routing.Route;
import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;
import io.stowage.oci.MediaTypes;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.TagList;
import io.stowage.service.ListingService;
import io.stowage.service.access.AccessControl;
import io.stowage.service.access.Identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** end-8a/8b (tag lists), end-12a/12b (referrers) and the Docker catalog, all paginated with Link headers. */
public final class ListingHandler {

    private static final int REFERRERS_PAGE = 1_000;

    private final ListingService listings;
    private final AccessControl access;

    public ListingHandler(ListingService listings, AccessControl access) {
        this.listings = listings;
        this.access = access;
    }

    public void tags(Route.TagList route, Exchange exchange) throws Exception {
        requireGet(exchange);
        Page page = Page.from(exchange, Page.MAX);
        RepositoryName repository = route.repository();
        TagList fetched = listings.tags(repository, page.last(), page.fetchSize());
        TagList tags = fetched.first(page.size());
        if (page.more(fetched.size())) {
            exchange.setHeader(Headers.LINK, LinkHeader.next("/v2/" + repository + "/tags/list?n=" + page.size()
                    + "&last=" + QueryParameters.encode(tags.getLast().value())));
        }
        exchange.send(200, Json.CONTENT_TYPE, tagListJson(repository, tags));
    }

    public void catalog(Exchange exchange) throws Exception {
        requireGet(exchange);
        Page page = Page.from(exchange, Page.MAX);
        // Only what the caller may pull, as the account is now (a token's subject is looked up again).
        Identity identity = access.liveIdentity(exchange.caller()).orElse(Identity.ANONYMOUS);
        List<RepositoryName> fetched = listings.catalog(page.last(), page.fetchSize(),
                repository -> access.mayPull(identity, repository));
        List<RepositoryName> repositories = page.apply(fetched, exchange, last -> "/v2/_catalog?n=" + page.size()
                + "&last=" + QueryParameters.encode(last.value()));
        exchange.send(200, Json.CONTENT_TYPE, catalogJson(repositories));
    }

    public void referrers(Route.Referrers route, Exchange exchange) throws Exception {
        requireGet(exchange);
        Digest subject = Digest.parse(route.digest());
        QueryParameters query = exchange.query();
        String artifactType = query.first("artifactType").filter(s -> !s.isEmpty()).orElse(null);
        Digest after = query.first("last").map(Digest::parse).orElse(null);
        Page page = new Page(REFERRERS_PAGE, null);
        List<Descriptor> fetched = listings.referrers(route.repository(), subject, artifactType, after,
                page.fetchSize());
        List<Descriptor> referrers = page.apply(fetched, exchange, last -> "/v2/" + route.repository()
                + "/referrers/" + subject + "?last=" + last.digest()
                + (artifactType == null ? "" : "&artifactType=" + QueryParameters.encode(artifactType)));
        if (artifactType != null) {
            exchange.setHeader(Headers.OCI_FILTERS_APPLIED, "artifactType");
        }
        List<Map<String, Object>> manifests = new ArrayList<>(referrers.size());
        for (Descriptor d : referrers) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("mediaType", d.mediaType());
            entry.put("digest", d.digest().toString());
            entry.put("size", d.size());
            if (d.artifactType() != null) {
                entry.put("artifactType", d.artifactType());
            }
            if (!d.annotations().isEmpty()) {
                entry.put("annotations", d.annotations());
            }
            manifests.add(entry);
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", manifests);
        exchange.send(200, MediaTypes.OCI_INDEX, Json.write(index));
    }

    /** {@code {"name":..,"tags":[..]}}, written directly: a page holds up to {@link Page#MAX} tags. */
    static byte[] tagListJson(RepositoryName repository, TagList tags) {
        // The exact size when nothing needs escaping (tags and repository names never do), so nothing is copied.
        int joined = tags.joinedLength();
        JsonOut out = new JsonOut(21 + repository.value().length() + joined + 2 * tags.size())
                .raw("{\"name\":").string(repository.value()).raw(",\"tags\":[");
        if (!tags.isEmpty()) {
            byte[] names = new byte[joined];
            tags.copyJoined(names, 0);
            out.stringsJoined(names, joined, (byte) TagList.SEPARATOR);
        }
        return out.raw("]}").toBytes();
    }

    /** {@code {"repositories":[..]}}, written directly like {@link #tagListJson}. */
    static byte[] catalogJson(List<RepositoryName> repositories) {
        int size = 19 + Math.max(0, repositories.size() - 1);
        for (RepositoryName repository : repositories) {
            size += repository.value().length() + 2;
        }
        JsonOut out = new JsonOut(size).raw("{\"repositories\":[");
        for (int i = 0; i < repositories.size(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.string(repositories.get(i).value());
        }
        return out.raw("]}").toBytes();
    }

    private static void requireGet(Exchange exchange) {
        if (!"GET".equals(exchange.method()) && !exchange.isHead()) {
            throw Methods.notAllowed(exchange, "GET, HEAD");
        }
    }
}
