package io.stowage.metadata.jdbc;

import io.stowage.oci.Digest;

import java.sql.Connection;
import java.sql.SQLException;

/** Queries on {@code manifest_refs}: the manifests an index lists. */
final class ManifestRefsTable {

    static void insert(Connection c, long repositoryId, Digest parent, Digest child) throws SQLException {
        Sql.update(c, """
                        INSERT INTO manifest_refs (repository_id, parent_digest, child_digest) VALUES (?, ?, ?)
                        ON CONFLICT (repository_id, parent_digest, child_digest) DO NOTHING""",
                repositoryId, parent.toString(), child.toString());
    }

    /** Removes the rows where {@code parent} is the index; rows naming it as a child stay with their index. */
    static void deleteAllOf(Connection c, long repositoryId, Digest parent) throws SQLException {
        Sql.update(c, "DELETE FROM manifest_refs WHERE repository_id = ? AND parent_digest = ?",
                repositoryId, parent.toString());
    }

    private ManifestRefsTable() {
    }
}
