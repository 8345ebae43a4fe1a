package io.stowage.metadata.jdbc;

import io.stowage.metadata.ImmutableTagException;
import io.stowage.metadata.ManifestIndex;
import io.stowage.metadata.ManifestRecord;
import io.stowage.metadata.TagRecord;
import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.TagList;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@link ManifestIndex} on {@code manifests}, {@code tags}, {@code manifest_blob_refs} and {@code manifest_refs}.
 *
 * <p>Deleting a manifest that an index in the repository still lists is allowed, as the distribution spec lets
 * clients delete any manifest: the index and its reference row stay, and pulling that child then fails as unknown.
 * Garbage collection has to read such a row as a reference to nothing.
 *
 * <p>Writers on other nodes may run at the same time (PostgreSQL at read committed). A put therefore locks what it
 * checked (the blob links, the child manifests, an existing copy of itself) until it commits, and takes its locks
 * in one order: rows it reads first, then its manifest, then its tags in sorted order. A delete locks its manifest
 * before its tags. Anything that still collides is a deadlock or serialization failure, which the engine retries.
 */
final class JdbcManifestIndex implements ManifestIndex {

    private final Transactions transactions;
    private final SqlDialect dialect;
    private final Clock clock;

    JdbcManifestIndex(Transactions transactions, SqlDialect dialect, Clock clock) {
        this.transactions = transactions;
        this.dialect = dialect;
        this.clock = clock;
    }

    @Override
    public Set<Digest> put(ManifestRecord manifest, Collection<Digest> blobReferences,
                           Collection<Digest> manifestReferences, Collection<Tag> tags, Predicate<Tag> immutable) {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(immutable, "immutable");
        SortedSet<Digest> blobs = new TreeSet<>(blobReferences);
        SortedSet<Digest> children = new TreeSet<>(manifestReferences);
        SortedSet<Tag> sortedTags = new TreeSet<>(tags);
        return transactions.write("put manifest", c -> {
            // Checked inside the write transaction, and held: no unlink or delete can slip in before the commit.
            Set<Digest> missing = lockReferences(c, manifest.repository(), blobs, children);
            if (!missing.isEmpty()) {
                return missing;
            }
            Instant now = clock.instant();
            long repositoryId = RepositoriesTable.ensure(c, manifest.repository(), now);
            if (ManifestsTable.insert(c, repositoryId, manifest)) {
                for (Digest blob : blobs) {
                    ManifestBlobRefsTable.insert(c, repositoryId, manifest.digest(), blob);
                }
                for (Digest child : children) {
                    ManifestRefsTable.insert(c, repositoryId, manifest.digest(), child);
                }
            } else if (!ManifestsTable.lockIfPresent(c, dialect, repositoryId, manifest.digest())) {
                // Present when the insert looked, deleted by another writer since: a fresh attempt inserts it.
                throw new ConcurrentChangeException("manifest deleted while it was put again");
            }
            for (Tag tag : sortedTags) {
                if (!immutable.test(tag)) {
                    TagsTable.upsert(c, repositoryId, tag, manifest.digest(), now);
                } else if (!TagsTable.upsertUnlessMoved(c, repositoryId, tag, manifest.digest(), now)) {
                    // Thrown, not returned: the transaction rolls back whatever this put wrote before.
                    throw new ImmutableTagException(tag);
                }
            }
            return Set.of();
        });
    }

    /** The references that are missing; those present are locked against removal until the transaction ends. */
    private Set<Digest> lockReferences(Connection c, RepositoryName repository, SortedSet<Digest> blobs,
                                       SortedSet<Digest> children) throws SQLException {
        Optional<Long> repositoryId = RepositoriesTable.idOf(c, repository);
        SortedSet<Digest> missing = new TreeSet<>();
        if (repositoryId.isEmpty()) {
            missing.addAll(blobs);
            missing.addAll(children);
        } else {
            for (Digest blob : blobs) {
                if (!RepositoryBlobsTable.lockIfLinked(c, dialect, repositoryId.get(), blob)) {
                    missing.add(blob);
                }
            }
            for (Digest child : children) {
                if (!ManifestsTable.lockIfPresent(c, dialect, repositoryId.get(), child)) {
                    missing.add(child);
                }
            }
        }
        return Collections.unmodifiableSortedSet(missing);
    }

    @Override
    public Optional<ManifestRecord> find(RepositoryName repository, Digest digest) {
        return transactions.read("find manifest", c -> ManifestsTable.find(c, repository, digest));
    }

    @Override
    public Optional<Digest> resolve(RepositoryName repository, Tag tag) {
        return transactions.read("resolve tag", c -> TagsTable.resolve(c, repository, tag));
    }

    @Override
    public boolean delete(RepositoryName repository, Digest digest, Predicate<Tag> immutable) {
        Objects.requireNonNull(immutable, "immutable");
        return transactions.write("delete manifest", c -> {
            Optional<Long> repositoryId = RepositoriesTable.idOf(c, repository);
            if (repositoryId.isEmpty()) {
                return false;
            }
            long id = repositoryId.get();
            // No manifest, no rows to remove: tags and reference rows cannot outlive it (foreign keys).
            if (!ManifestsTable.lockForDelete(c, dialect, id, digest)) {
                return false;
            }
            // Read under the manifest's lock, which a put takes before it writes tags: no tag can join unseen.
            for (Tag tag : TagsTable.of(c, id, digest)) {
                if (immutable.test(tag)) {
                    throw new ImmutableTagException(tag);
                }
            }
            TagsTable.deleteAllOf(c, id, digest);
            ManifestBlobRefsTable.deleteAllOf(c, id, digest);
            ManifestRefsTable.deleteAllOf(c, id, digest);
            return ManifestsTable.delete(c, id, digest);
        });
    }

    @Override
    public boolean deleteTag(RepositoryName repository, Tag tag) {
        return transactions.write("delete tag", c -> TagsTable.delete(c, repository, tag));
    }

    @Override
    public boolean deleteTagIfUnchanged(RepositoryName repository, TagRecord expected) {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(expected, "expected");
        return transactions.write("delete unchanged tag", c -> TagsTable.deleteIfUnchanged(c, repository, expected));
    }

    @Override
    public boolean deleteUntagged(RepositoryName repository, Digest digest, Instant inactiveBefore,
                                  Collection<Digest> referrers) {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(inactiveBefore, "inactiveBefore");
        SortedSet<Digest> expected = new TreeSet<>(referrers);
        return transactions.write("delete untagged manifest", c -> {
            Optional<Long> repositoryId = RepositoriesTable.idOf(c, repository);
            if (repositoryId.isEmpty()) {
                return false;
            }
            long id = repositoryId.get();
            // Locked as a delete locks it: a put that would tag it, or an index put that would list it, queues.
            if (!ManifestsTable.lockForDelete(c, dialect, id, digest) || !removable(c, id, digest)) {
                return false;
            }
            ManifestsTable.Activity activity = ManifestsTable.activity(c, id, digest).orElseThrow();
            Instant lastActive = activity.lastPulledAt() != null && activity.lastPulledAt().isAfter(activity.pushedAt())
                    ? activity.lastPulledAt() : activity.pushedAt();
            if (!lastActive.isBefore(inactiveBefore)
                    || (activity.subject() != null && ManifestsTable.exists(c, id, activity.subject()))) {
                return false;
            }
            SortedSet<Digest> closure = referrerClosure(c, id, digest);
            if (!closure.equals(expected)) {
                return false;
            }
            for (Digest referrer : closure) {
                if (!ManifestsTable.lockForDelete(c, dialect, id, referrer) || !removable(c, id, referrer)) {
                    return false;
                }
            }
            for (Digest referrer : closure) {
                deleteRows(c, id, referrer);
            }
            deleteRows(c, id, digest);
            return true;
        });
    }

    /** Whether the locked manifest has no tag and no index of the repository lists it. */
    private static boolean removable(Connection c, long repositoryId, Digest digest) throws SQLException {
        return TagsTable.of(c, repositoryId, digest).isEmpty()
                && !ManifestsTable.listedByIndex(c, repositoryId, digest);
    }

    /** The manifests that have {@code subject} as subject, and theirs in turn. */
    private static SortedSet<Digest> referrerClosure(Connection c, long repositoryId, Digest subject)
            throws SQLException {
        SortedSet<Digest> closure = new TreeSet<>();
        Deque<Digest> pending = new ArrayDeque<>(List.of(subject));
        while (!pending.isEmpty()) {
            for (Digest referrer : ManifestsTable.referrersOf(c, repositoryId, pending.pop())) {
                if (!referrer.equals(subject) && closure.add(referrer)) {
                    pending.push(referrer);
                }
            }
        }
        return closure;
    }

    /** A manifest's rows, its tags and references with it, as {@link #delete} removes them. */
    private static void deleteRows(Connection c, long repositoryId, Digest digest) throws SQLException {
        TagsTable.deleteAllOf(c, repositoryId, digest);
        ManifestBlobRefsTable.deleteAllOf(c, repositoryId, digest);
        ManifestRefsTable.deleteAllOf(c, repositoryId, digest);
        ManifestsTable.delete(c, repositoryId, digest);
    }

    @Override
    public TagList tags(RepositoryName repository, String last, int limit) {
        Limits.check(limit);
        return transactions.read("list tags", c -> TagsTable.list(c, dialect, repository, last, limit));
    }

    @Override
    public List<Descriptor> referrers(RepositoryName repository, Digest subject, String artifactType, Digest after,
                                      int limit) {
        Limits.check(limit);
        return transactions.read("list referrers",
                c -> ManifestsTable.referrers(c, repository, subject, artifactType, after, limit));
    }
}
