package io.stowage.service;

import io.stowage.metadata.MetadataStore;
import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.TagList;
import io.stowage.oci.error.NameUnknownException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Catalog, tag lists and referrers: all answered from the metadata index, never by walking storage. */
public final class ListingService {

    private static final int CATALOG_SCAN = 1_000;

    private final MetadataStore metadata;

    public ListingService(MetadataStore metadata) {
        this.metadata = metadata;
    }

    /**
     * Up to {@code limit} repositories after {@code last} that {@code visible} accepts, in catalog order. Reads the
     * index page by page until the page is full or the index ends, so a caller who may see few repositories still
     * gets full pages (at the cost of reading past the ones hidden from it).
     */
    public List<RepositoryName> catalog(String last, int limit, Predicate<RepositoryName> visible) {
        List<RepositoryName> result = new ArrayList<>(Math.min(limit, CATALOG_SCAN));
        String after = last;
        // The first read is the page itself: when everything is visible, that is all it takes.
        int scan = limit;
        while (result.size() < limit) {
            List<RepositoryName> page = metadata.repositories().list(after, scan);
            for (RepositoryName repository : page) {
                if (visible.test(repository)) {
                    result.add(repository);
                    if (result.size() == limit) {
                        return result;
                    }
                }
            }
            if (page.size() < scan) {
                break;
            }
            after = page.getLast().value();
            scan = CATALOG_SCAN;
        }
        return result;
    }

    public TagList tags(RepositoryName repository, String last, int limit) {
        TagList tags = metadata.manifests().tags(repository, last, limit);
        if (tags.isEmpty() && !metadata.repositories().exists(repository)) {
            throw new NameUnknownException(repository.value());
        }
        return tags;
    }

    public List<Descriptor> referrers(RepositoryName repository, Digest subject, String artifactType, Digest after,
                                      int limit) {
        return metadata.manifests().referrers(repository, subject, artifactType, after, limit);
    }
}
