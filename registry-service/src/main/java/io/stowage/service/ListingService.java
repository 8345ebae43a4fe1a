package io.stowage.service;

import io.stowage.metadata.MetadataStore;
import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.error.NameUnknownException;

import java.util.List;

/** Catalog, tag lists and referrers: all answered from the metadata index, never by walking storage. */
public final class ListingService {

    private final MetadataStore metadata;

    public ListingService(MetadataStore metadata) {
        this.metadata = metadata;
    }

    public List<RepositoryName> catalog(String last, int limit) {
        return metadata.repositories().list(last, limit);
    }

    public List<Tag> tags(RepositoryName repository, String last, int limit) {
        List<Tag> tags = metadata.manifests().tags(repository, last, limit);
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
