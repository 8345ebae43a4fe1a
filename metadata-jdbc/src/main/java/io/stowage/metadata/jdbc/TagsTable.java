package io.stowage.metadata.jdbc;

import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Queries on {@code tags}. */
final class TagsTable {

    /**
     * Names strictly after the bound {@code last} in {@link Tag#ORDER}: case-insensitive (tags are ASCII, and the
     * dialect folds ASCII), ties broken by the exact name. Every valid tag sorts after the empty string. The order is
     * that of the {@code tags_in_listing_order} index; the repository id comes from a scalar subquery rather than a
     * join so that PostgreSQL, too, reads the page off that index instead of sorting every tag of the repository.
     */
    private static final String LIST = """
            SELECT t.name
            FROM tags t
            WHERE t.repository_id = (SELECT id FROM repositories WHERE name = ?)
              AND ({fold:t.name} > {fold:?} OR ({fold:t.name} = {fold:?} AND t.name > ?))
            ORDER BY {fold:t.name}, t.name
            LIMIT ?""";

    /** Points the tag at the manifest, moving it if it pointed elsewhere. */
    static void upsert(Connection c, long repositoryId, Tag tag, Digest manifest, Instant now) throws SQLException {
        Sql.update(c, """
                        INSERT INTO tags (repository_id, name, manifest_digest, updated_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (repository_id, name)
                        DO UPDATE SET manifest_digest = excluded.manifest_digest, updated_at = excluded.updated_at""",
                repositoryId, tag.value(), manifest.toString(), now.toEpochMilli());
    }

    static Optional<Digest> resolve(Connection c, RepositoryName repository, Tag tag) throws SQLException {
        return Sql.first(c, """
                        SELECT t.manifest_digest
                        FROM tags t
                        JOIN repositories r ON r.id = t.repository_id
                        WHERE r.name = ? AND t.name = ?""",
                row -> Columns.digest(row.getString(1)), repository.value(), tag.value());
    }

    static List<Tag> list(Connection c, SqlDialect dialect, RepositoryName repository, String last, int limit)
            throws SQLException {
        String after = last == null ? "" : last;
        return Sql.list(c, SqlTemplate.render(LIST, dialect),
                row -> Columns.tag(row.getString(1)), repository.value(), after, after, after, limit);
    }

    static boolean delete(Connection c, RepositoryName repository, Tag tag) throws SQLException {
        return Sql.update(c, """
                        DELETE FROM tags
                        WHERE repository_id = (SELECT id FROM repositories WHERE name = ?) AND name = ?""",
                repository.value(), tag.value()) > 0;
    }

    static void deleteAllOf(Connection c, long repositoryId, Digest manifest) throws SQLException {
        Sql.update(c, "DELETE FROM tags WHERE repository_id = ? AND manifest_digest = ?",
                repositoryId, manifest.toString());
    }

    private TagsTable() {
    }
}
