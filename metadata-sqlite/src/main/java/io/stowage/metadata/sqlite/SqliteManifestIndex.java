package io.stowage.metadata.sqlite;

import io.stowage.metadata.ManifestIndex;
import io.stowage.metadata.ManifestRecord;
import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * {@link ManifestIndex} on {@code manifests}, {@code tags}, {@code manifest_blob_refs} and {@code manifest_refs}.
 *
 * <p>Deleting a manifest that an index in the repository still lists is allowed, as the distribution spec lets
 * clients delete any manifest: the index and its reference row stay, and pulling that child then fails as unknown.
 * Garbage collection has to read such a row as a reference to nothing.
 */
final class SqliteManifestIndex implements ManifestIndex {

    private final Database database;
    private final Clock clock;

    SqliteManifestIndex(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public Set<Digest> put(ManifestRecord manifest, Collection<Digest> blobReferences,
                           Collection<Digest> manifestReferences, Collection<Tag> tags) {
        Objects.requireNonNull(manifest, "manifest");
        SortedSet<Digest> blobs = new TreeSet<>(blobReferences);
        SortedSet<Digest> children = new TreeSet<>(manifestReferences);
        List<Tag> tagList = List.copyOf(tags);
        return database.write("put manifest", c -> {
            // Checked inside the write transaction: no unlink or delete can slip in between check and insert.
            Set<Digest> missing = missing(c, manifest.repository(), blobs, children);
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
            }
            for (Tag tag : tagList) {
                TagsTable.upsert(c, repositoryId, tag, manifest.digest(), now);
            }
            return Set.of();
        });
    }

    private static Set<Digest> missing(Connection c, RepositoryName repository, SortedSet<Digest> blobs,
                                       SortedSet<Digest> children) throws SQLException {
        Optional<Long> repositoryId = RepositoriesTable.idOf(c, repository);
        SortedSet<Digest> missing = new TreeSet<>();
        if (repositoryId.isEmpty()) {
            missing.addAll(blobs);
            missing.addAll(children);
        } else {
            for (Digest blob : blobs) {
                if (!RepositoryBlobsTable.isLinked(c, repositoryId.get(), blob)) {
                    missing.add(blob);
                }
            }
            for (Digest child : children) {
                if (!ManifestsTable.exists(c, repositoryId.get(), child)) {
                    missing.add(child);
                }
            }
        }
        return Collections.unmodifiableSortedSet(missing);
    }

    @Override
    public Optional<ManifestRecord> find(RepositoryName repository, Digest digest) {
        return database.read("find manifest", c -> ManifestsTable.find(c, repository, digest));
    }

    @Override
    public Optional<Digest> resolve(RepositoryName repository, Tag tag) {
        return database.read("resolve tag", c -> TagsTable.resolve(c, repository, tag));
    }

    @Override
    public boolean delete(RepositoryName repository, Digest digest) {
        return database.write("delete manifest", c -> {
            Optional<Long> repositoryId = RepositoriesTable.idOf(c, repository);
            if (repositoryId.isEmpty()) {
                return false;
            }
            long id = repositoryId.get();
            TagsTable.deleteAllOf(c, id, digest);
            ManifestBlobRefsTable.deleteAllOf(c, id, digest);
            ManifestRefsTable.deleteAllOf(c, id, digest);
            return ManifestsTable.delete(c, id, digest);
        });
    }

    @Override
    public boolean deleteTag(RepositoryName repository, Tag tag) {
        return database.write("delete tag", c -> TagsTable.delete(c, repository, tag));
    }

    @Override
    public List<Tag> tags(RepositoryName repository, String last, int limit) {
        Limits.check(limit);
        return database.read("list tags", c -> TagsTable.list(c, repository, last, limit));
    }

    @Override
    public List<Descriptor> referrers(RepositoryName repository, Digest subject, String artifactType, Digest after,
                                      int limit) {
        Limits.check(limit);
        return database.read("list referrers",
                c -> ManifestsTable.referrers(c, repository, subject, artifactType, after, limit));
    }
}
