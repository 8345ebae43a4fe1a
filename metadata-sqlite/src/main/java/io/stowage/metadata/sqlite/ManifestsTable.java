package io.stowage.metadata.sqlite;

import io.stowage.metadata.ManifestRecord;
import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Queries on {@code manifests}: exact bytes plus the fields referrers are answered from. */
final class ManifestsTable {

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

    static boolean exists(Connection c, long repositoryId, Digest digest) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM manifests WHERE repository_id = ? AND digest = ?",
                repositoryId, digest.toString());
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

    static boolean delete(Connection c, long repositoryId, Digest digest) throws SQLException {
        return Sql.update(c, "DELETE FROM manifests WHERE repository_id = ? AND digest = ?",
                repositoryId, digest.toString()) > 0;
    }

    /**
     * Descriptors of the manifests whose subject is {@code subject}, by digest, strictly after {@code after}
     * (every digest sorts after the empty string), only of {@code artifactType} unless it is null.
     */
    static List<Descriptor> referrers(Connection c, RepositoryName repository, Digest subject, String artifactType,
                                      Digest after, int limit) throws SQLException {
        return Sql.list(c, """
                        SELECT m.digest, m.media_type, length(m.content), m.artifact_type, m.annotations
                        FROM manifests m
                        JOIN repositories r ON r.id = m.repository_id
                        WHERE r.name = ? AND m.subject_digest = ? AND m.digest > ?
                          AND (? IS NULL OR m.artifact_type = ?)
                        ORDER BY m.digest
                        LIMIT ?""",
                row -> new Descriptor(row.getString(2), Columns.digest(row.getString(1)), row.getLong(3),
                        row.getString(4), AnnotationsJson.read(row.getString(5)), List.of(), null),
                repository.value(), subject.toString(), after == null ? "" : after.toString(),
                artifactType, artifactType, limit);
    }

    private ManifestsTable() {
    }
}
