package io.stowage.metadata.jdbc;

import io.stowage.metadata.ManifestRecord;
import io.stowage.metadata.ManifestTimes;
import io.stowage.metadata.UntaggedManifest;
import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Queries on {@code manifests}: exact bytes plus the fields referrers are answered from. */
final class ManifestsTable {

    private static final String BY_KEY = "SELECT 1 FROM manifests WHERE repository_id = ? AND digest = ?";

    /** Inserts the manifest; returns false when the repository already holds it (the stored row is kept). */
    static boolean insert(Connection c, long repositoryId, ManifestRecord manifest) throws SQLException {
        return Sql.update(c, """
                        INSERT INTO manifests (repository_id, digest, media_type, content, artifact_type,
                                               subject_digest, annotations, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (repository_id, digest) DO NOTHING""",
                repositoryId, manifest.digest().toString(), manifest.mediaType(), manifest.content(),
                manifest.artifactType(), manifest.subject() == null ? null : manifest.subject().toString(),
                AnnotationsJson.write(manifest.annotations()), manifest.createdAt().toEpochMilli()) > 0;
    }

    /** Whether the manifest exists; if so it cannot be deleted until this transaction ends. */
    static boolean lockIfPresent(Connection c, SqlDialect dialect, long repositoryId, Digest digest)
            throws SQLException {
        return Sql.exists(c, BY_KEY + dialect.lockShared(), repositoryId, digest.toString());
    }

    /**
     * Whether the manifest exists; if so this transaction holds it alone until it ends. A delete takes this lock
     * before touching tags, as a put takes its lock before writing tags, so the two queue instead of deadlocking.
     */
    static boolean lockForDelete(Connection c, SqlDialect dialect, long repositoryId, Digest digest)
            throws SQLException {
        return Sql.exists(c, BY_KEY + dialect.lockExclusive(), repositoryId, digest.toString());
    }

    static Optional<ManifestRecord> find(Connection c, RepositoryName repository, Digest digest) throws SQLException {
        return Sql.first(c, """
                        SELECT m.media_type, m.content, m.artifact_type, m.subject_digest, m.annotations, m.created_at
                        FROM manifests m
                        JOIN repositories r ON r.id = m.repository_id
                        WHERE r.name = ? AND m.digest = ?""",
                row -> new ManifestRecord(repository, digest, row.getString(1), row.getBytes(2), row.getString(3),
                        Columns.digest(row.getString(4)), AnnotationsJson.read(row.getString(5)),
                        Columns.instant(row.getLong(6))),
                repository.value(), digest.toString());
    }

    /** When the manifest was first pushed to the repository and last pulled there. */
    static Optional<ManifestTimes> times(Connection c, RepositoryName repository, Digest digest) throws SQLException {
        return Sql.first(c, """
                        SELECT m.created_at, m.last_pulled_at
                        FROM manifests m
                        JOIN repositories r ON r.id = m.repository_id
                        WHERE r.name = ? AND m.digest = ?""",
                row -> new ManifestTimes(digest, Columns.instant(row.getLong(1)), Columns.instantOrNull(row, 2)),
                repository.value(), digest.toString());
    }

    /** Sets the manifest's last-pull time to {@code at} unless a later one is recorded. */
    static void recordPull(Connection c, RepositoryName repository, Digest digest, Instant at) throws SQLException {
        long millis = at.toEpochMilli();
        Sql.update(c, """
                        UPDATE manifests SET last_pulled_at = ?
                        WHERE repository_id = (SELECT id FROM repositories WHERE name = ?) AND digest = ?
                          AND (last_pulled_at IS NULL OR last_pulled_at < ?)""",
                millis, repository.value(), digest.toString(), millis);
    }

    static boolean delete(Connection c, long repositoryId, Digest digest) throws SQLException {
        return Sql.update(c, "DELETE FROM manifests WHERE repository_id = ? AND digest = ?",
                repositoryId, digest.toString()) > 0;
    }

    /**
     * Descriptors of the manifests whose subject is {@code subject}, by digest, strictly after {@code after}
     * (every digest sorts after the empty string), only of {@code artifactType} unless it is null. The cast gives
     * PostgreSQL a type for a null parameter, which it cannot infer from {@code IS NULL} alone. The repository id
     * comes from a scalar subquery, as in the tag list, so the page is read off {@code manifests_by_subject} in order.
     */
    static List<Descriptor> referrers(Connection c, RepositoryName repository, Digest subject, String artifactType,
                                      Digest after, int limit) throws SQLException {
        return Sql.list(c, """
                        SELECT m.digest, m.media_type, length(m.content), m.artifact_type, m.annotations
                        FROM manifests m
                        WHERE m.repository_id = (SELECT id FROM repositories WHERE name = ?)
                          AND m.subject_digest = ? AND m.digest > ?
                          AND (CAST(? AS TEXT) IS NULL OR m.artifact_type = ?)
                        ORDER BY m.digest
                        LIMIT ?""",
                row -> new Descriptor(row.getString(2), Columns.digest(row.getString(1)), row.getLong(3),
                        row.getString(4), AnnotationsJson.read(row.getString(5)), List.of(), null),
                repository.value(), subject.toString(), after == null ? "" : after.toString(),
                artifactType, artifactType, limit);
    }

    /**
     * Untagged manifests of the repository by digest, strictly after {@code after}, with their times and what refers to
     * them. Read off the primary key in order; each row's tags, listing indexes, subject and referrers are looked up
     * through {@code tags_by_manifest}, {@code manifest_refs_by_child}, the primary key and
     * {@code manifests_by_subject}.
     */
    static List<UntaggedManifest> untagged(Connection c, RepositoryName repository, Digest after, int limit)
            throws SQLException {
        return Sql.list(c, """
                        SELECT m.digest, m.created_at, m.last_pulled_at, m.subject_digest,
                          CASE WHEN m.subject_digest IS NOT NULL AND EXISTS (
                                SELECT 1 FROM manifests s
                                WHERE s.repository_id = m.repository_id AND s.digest = m.subject_digest)
                            THEN 1 ELSE 0 END,
                          CASE WHEN EXISTS (
                                SELECT 1 FROM manifest_refs r
                                WHERE r.repository_id = m.repository_id AND r.child_digest = m.digest)
                            THEN 1 ELSE 0 END,
                          CASE WHEN EXISTS (
                                SELECT 1 FROM manifests x
                                JOIN tags t ON t.repository_id = x.repository_id AND t.manifest_digest = x.digest
                                WHERE x.repository_id = m.repository_id AND x.subject_digest = m.digest)
                            THEN 1 ELSE 0 END
                        FROM manifests m
                        WHERE m.repository_id = (SELECT id FROM repositories WHERE name = ?)
                          AND m.digest > ?
                          AND NOT EXISTS (
                                SELECT 1 FROM tags t
                                WHERE t.repository_id = m.repository_id AND t.manifest_digest = m.digest)
                        ORDER BY m.digest
                        LIMIT ?""",
                row -> new UntaggedManifest(Columns.digest(row.getString(1)), Columns.instant(row.getLong(2)),
                        Columns.instantOrNull(row, 3), Columns.digest(row.getString(4)), Columns.flag(row.getLong(5)),
                        Columns.flag(row.getLong(6)), Columns.flag(row.getLong(7))),
                repository.value(), after == null ? "" : after.toString(), limit);
    }

    /**
     * The locked manifest's push time, last-pull time (null: never) and subject (null: none), for a conditional
     * delete; empty when it does not exist.
     */
    static Optional<Activity> activity(Connection c, long repositoryId, Digest digest) throws SQLException {
        return Sql.first(c, """
                        SELECT created_at, last_pulled_at, subject_digest FROM manifests
                        WHERE repository_id = ? AND digest = ?""",
                row -> new Activity(Columns.instant(row.getLong(1)), Columns.instantOrNull(row, 2),
                        Columns.digest(row.getString(3))),
                repositoryId, digest.toString());
    }

    /** A manifest's push and last-pull time and its subject. */
    record Activity(Instant pushedAt, Instant lastPulledAt, Digest subject) {
    }

    /** Digests of the manifests whose subject is {@code subject}, by digest. */
    static List<Digest> referrersOf(Connection c, long repositoryId, Digest subject) throws SQLException {
        return Sql.list(c, """
                        SELECT digest FROM manifests
                        WHERE repository_id = ? AND subject_digest = ?
                        ORDER BY digest""",
                row -> Columns.digest(row.getString(1)), repositoryId, subject.toString());
    }

    /** Whether an index of the repository lists the manifest. */
    static boolean listedByIndex(Connection c, long repositoryId, Digest digest) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM manifest_refs WHERE repository_id = ? AND child_digest = ?",
                repositoryId, digest.toString());
    }

    static boolean exists(Connection c, long repositoryId, Digest digest) throws SQLException {
        return Sql.exists(c, BY_KEY, repositoryId, digest.toString());
    }

    private ManifestsTable() {
    }
}
