package io.stowage.metadata;

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

/** Manifests with their exact bytes, their references, tags and referrers. */
public interface ManifestIndex {

    /**
     * Stores a manifest and points {@code tags} at it, in one transaction, after checking inside that transaction that
     * every blob in {@code blobReferences} is linked to the repository and every manifest in
     * {@code manifestReferences} is in it. Returns the digests found missing, in which case nothing is written (no
     * manifest, no tag, not even the repository); an empty set means it is stored. Storing a manifest that already
     * exists is idempotent (its tags are still applied). A tag that pointed at another manifest moves to this one.
     */
    default Set<Digest> put(ManifestRecord manifest, Collection<Digest> blobReferences,
                            Collection<Digest> manifestReferences, Collection<Tag> tags) {
        return put(manifest, blobReferences, manifestReferences, tags, tag -> false);
    }

    /**
     * As {@link #put(ManifestRecord, Collection, Collection, Collection)}, except that a tag of {@code tags} that
     * {@code immutable} accepts may be created, or pointed again at the manifest it points at, but not moved: if one
     * points at another manifest, the put throws {@link ImmutableTagException} naming it and writes nothing. Decided
     * inside the transaction, so two puts racing to create the same immutable tag cannot both win; {@code immutable}
     * must be a pure function of the tag (it may be called more than once).
     */
    Set<Digest> put(ManifestRecord manifest, Collection<Digest> blobReferences,
                    Collection<Digest> manifestReferences, Collection<Tag> tags, Predicate<Tag> immutable);

    Optional<ManifestRecord> find(RepositoryName repository, Digest digest);

    Optional<Digest> resolve(RepositoryName repository, Tag tag);

    /**
     * Deletes a manifest, its references and every tag pointing at it. A manifest that an index in the repository
     * still lists may be deleted too (the spec lets clients delete any manifest): the index stays, listing a
     * manifest that is gone.
     */
    default boolean delete(RepositoryName repository, Digest digest) {
        return delete(repository, digest, tag -> false);
    }

    /**
     * As {@link #delete(RepositoryName, Digest)}, except that when a tag pointing at the manifest is one that
     * {@code immutable} accepts, it throws {@link ImmutableTagException} naming it and deletes nothing. The tags are
     * read inside the transaction, after the manifest is locked, so a tag added at the same moment is seen.
     */
    boolean delete(RepositoryName repository, Digest digest, Predicate<Tag> immutable);

    /** Deletes one tag only; the manifest stays. */
    boolean deleteTag(RepositoryName repository, Tag tag);

    /**
     * Deletes the tag {@code expected} names only while it is exactly as {@code expected} says: pointing at the same
     * manifest, with the same push time and the same last-pull time (both null or equal). False, deleting nothing,
     * when it is gone or has changed (moved, pushed again, pulled) since it was read. The manifest stays.
     */
    boolean deleteTagIfUnchanged(RepositoryName repository, TagRecord expected);

    /**
     * Deletes an untagged manifest together with its referrers, in one transaction, only if at that moment: the
     * manifest exists, no tag points at it, no index of the repository lists it, its subject (if it has one) is not
     * in the repository, it was neither pushed nor pulled at or after {@code inactiveBefore}, and the manifests that
     * have it as subject, and theirs in turn, are exactly {@code referrers}, none of them tagged or listed by an
     * index. Otherwise it deletes nothing and returns false. Deleting a manifest works as {@link #delete}: its
     * references go with it.
     */
    boolean deleteUntagged(RepositoryName repository, Digest digest, Instant inactiveBefore,
                           Collection<Digest> referrers);

    /**
     * Tags in the spec's lexical order ({@link Tag#ORDER}: case-insensitive, ties broken by the exact name), strictly
     * after {@code last} in that order (null: from the start), at most {@code limit}. A {@link TagList}: a list of
     * thousands of tags is two arrays, which a response copies in one pass.
     */
    TagList tags(RepositoryName repository, String last, int limit);

    /**
     * Descriptors of the manifests in {@code repository} whose subject is {@code subject}, ordered by digest, strictly
     * after {@code after} (null: from the start), at most {@code limit}; only those of {@code artifactType} when it is
     * not null. Each descriptor carries the manifest's media type, size, effective artifact type and annotations.
     */
    List<Descriptor> referrers(RepositoryName repository, Digest subject, String artifactType, Digest after, int limit);
}
