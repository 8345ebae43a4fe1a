package io.stowage.metadata.jdbc;

import io.stowage.oci.Digest;

import java.sql.Connection;
import java.sql.SQLException;

/** Queries on {@code manifest_blob_refs}: the blobs (config, layers) a manifest needs; garbage collection reads it. */
final class ManifestBlobRefsTable {

    static void insert(Connection c, long repositoryId, Digest manifest, Digest blob) throws SQLException {
        Sql.update(c, """
                        INSERT INTO manifest_blob_refs (repository_id, manifest_digest, blob_digest) VALUES (?, ?, ?)
                        ON CONFLICT (repository_id, manifest_digest, blob_digest) DO NOTHING""",
                repositoryId, manifest.toString(), blob.toString());
    }

    static void deleteAllOf(Connection c, long repositoryId, Digest manifest) throws SQLException {
        Sql.update(c, "DELETE FROM manifest_blob_refs WHERE repository_id = ? AND manifest_digest = ?",
                repositoryId, manifest.toString());
    }

    private ManifestBlobRefsTable() {
    }
}
