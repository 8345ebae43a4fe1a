package io.stowage.metadata.cache;

import io.stowage.metadata.ManifestIndex;
import io.stowage.metadata.ManifestRecord;
import io.stowage.metadata.TagRecord;
import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.TagList;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A {@link ManifestIndex} that answers {@link #find}, {@link #resolve} and {@link #tags} from a {@link ManifestCache}
 * and forgets a repository's cached answers after every write to it, whether the write succeeded or failed. Only sound
 * over a store
 * no other process writes ({@link io.stowage.metadata.MetadataStore#isShared()} false): see
 * {@link CachingMetadataStore}.
 *
 * <p>A manifest is kept only when its bytes hash to its digest, so one that is corrupt in the store is never pinned
 * in memory: it is read from the store each time, as without the cache.
 */
final class CachingManifestIndex implements ManifestIndex {

    private final ManifestIndex store;
    private final ManifestCache cache;

    CachingManifestIndex(ManifestIndex store, ManifestCache cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public Optional<ManifestRecord> find(RepositoryName repository, Digest digest) {
        return cache.get(repository, digest, ManifestRecord.class, () -> store.find(repository, digest),
                manifest -> Digest.of(digest.algorithm(), manifest.content()).equals(digest)
                        ? manifest.content().length : -1);
    }

    @Override
    public Optional<Digest> resolve(RepositoryName repository, Tag tag) {
        return cache.get(repository, tag, Digest.class, () -> store.resolve(repository, tag), digest -> 0);
    }

    @Override
    public Set<Digest> put(ManifestRecord manifest, Collection<Digest> blobReferences,
                           Collection<Digest> manifestReferences, Collection<Tag> tags) {
        return writing(manifest.repository(), () -> store.put(manifest, blobReferences, manifestReferences, tags));
    }

    @Override
    public Set<Digest> put(ManifestRecord manifest, Collection<Digest> blobReferences,
                           Collection<Digest> manifestReferences, Collection<Tag> tags, Predicate<Tag> immutable) {
        return writing(manifest.repository(),
                () -> store.put(manifest, blobReferences, manifestReferences, tags, immutable));
    }

    @Override
    public boolean delete(RepositoryName repository, Digest digest) {
        return writing(repository, () -> store.delete(repository, digest));
    }

    @Override
    public boolean delete(RepositoryName repository, Digest digest, Predicate<Tag> immutable) {
        return writing(repository, () -> store.delete(repository, digest, immutable));
    }

    @Override
    public boolean deleteTag(RepositoryName repository, Tag tag) {
        return writing(repository, () -> store.deleteTag(repository, tag));
    }

    @Override
    public boolean deleteTagIfUnchanged(RepositoryName repository, TagRecord expected) {
        return writing(repository, () -> store.deleteTagIfUnchanged(repository, expected));
    }

    @Override
    public boolean deleteUntagged(RepositoryName repository, Digest digest, Instant inactiveBefore,
                                  Collection<Digest> referrers) {
        return writing(repository, () -> store.deleteUntagged(repository, digest, inactiveBefore, referrers));
    }

    /** Runs a write, then forgets what the cache holds for the repository, whether the write returned or failed. */
    private <T> T writing(RepositoryName repository, Supplier<T> write) {
        try {
            return write.get();
        } finally {
            cache.invalidate(repository);
        }
    }

    /**
     * Pages of tag lists are kept too (a tag list changes only through the writes above): a client listing tags
     * again, as mirrors and CI pipelines do, is answered without a query and without checking 5,000 names again.
     */
    @Override
    public TagList tags(RepositoryName repository, String last, int limit) {
        return cache.get(repository, new TagPage(last, limit), TagList.class,
                        () -> Optional.of(store.tags(repository, last, limit)),
                        page -> page.joinedLength() + (long) Integer.BYTES * page.size())
                .orElseThrow();
    }

    /** The question a tag-list page answers. */
    private record TagPage(String last, int limit) {
    }

    @Override
    public List<Descriptor> referrers(RepositoryName repository, Digest subject, String artifactType, Digest after,
                                      int limit) {
        return store.referrers(repository, subject, artifactType, after, limit);
    }
}
