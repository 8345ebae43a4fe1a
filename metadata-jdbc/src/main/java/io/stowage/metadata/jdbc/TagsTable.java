package io.stowage.metadata.jdbc;

import io.stowage.metadata.TagRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.TagList;

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
     * join so that PostgreSQL, too, reads the page off that index instead of sorting every tag of the repository. The
     * first comparison on its own is implied by the second: it is there because SQLite, given the bound parameter,
     * does not derive a range from the OR and would scan the repository's tags from the first instead of from
     * {@code last} (each page of a walk then costs more than the one before).
     */
    private static final String PAGE = """
            FROM tags t
            WHERE t.repository_id = (SELECT id FROM repositories WHERE name = ?)
              AND {fold:t.name} >= {fold:?}
              AND ({fold:t.name} > {fold:?} OR ({fold:t.name} = {fold:?} AND t.name > ?))
            ORDER BY {fold:t.name}, t.name
            LIMIT ?""";
    /**
     * The plain tag list reads names only, so SQLite answers it from the index alone, and returns them as one value
     * (see {@link TagList}) with their count. {@code string_agg} is PostgreSQL's and SQLite's (from 3.44) name.
     */
    private static final String LIST = "SELECT count(*), string_agg(p.name, '" + TagList.SEPARATOR + "')\n"
            + "FROM (SELECT t.name\n" + PAGE + ") p";
    private static final String LIST_RECORDS = "SELECT t.name, t.manifest_digest, t.updated_at, t.last_pulled_at\n"
            + PAGE;

    /**
     * Points the tag at the manifest if it is new or points there already (refreshing its push time); false, changing
     * nothing, when it points at another manifest. One statement, so that of two transactions creating the tag at
     * once, the second sees the first's row (PostgreSQL waits for it and then applies the condition to it).
     */
    static boolean upsertUnlessMoved(Connection c, long repositoryId, Tag tag, Digest manifest, Instant now)
            throws SQLException {
        return Sql.update(c, """
                        INSERT INTO tags (repository_id, name, manifest_digest, updated_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (repository_id, name)
                        DO UPDATE SET updated_at = excluded.updated_at
                        WHERE tags.manifest_digest = excluded.manifest_digest""",
                repositoryId, tag.value(), manifest.toString(), now.toEpochMilli()) > 0;
    }

    /** Names of the tags pointing at the manifest. */
    static List<Tag> of(Connection c, long repositoryId, Digest manifest) throws SQLException {
        return Sql.list(c, "SELECT name FROM tags WHERE repository_id = ? AND manifest_digest = ?",
                row -> Columns.tag(row.getString(1)), repositoryId, manifest.toString());
    }

    /** Sets the tag's last-pull time to {@code at} unless a later one is recorded. */
    static void recordPull(Connection c, RepositoryName repository, Tag tag, Instant at) throws SQLException {
        long millis = at.toEpochMilli();
        Sql.update(c, """
                        UPDATE tags SET last_pulled_at = ?
                        WHERE repository_id = (SELECT id FROM repositories WHERE name = ?) AND name = ?
                          AND (last_pulled_at IS NULL OR last_pulled_at < ?)""",
                millis, repository.value(), tag.value(), millis);
    }

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

    static TagList list(Connection c, SqlDialect dialect, RepositoryName repository, String last, int limit)
            throws SQLException {
        String after = last == null ? "" : last;
        return Sql.first(c, SqlTemplate.render(LIST, dialect),
                        row -> JoinedTags.parse(row.getString(2), row.getLong(1)),
                        repository.value(), after, after, after, after, limit)
                .orElseThrow(() -> new CorruptRowException("an aggregate returned no row"));
    }

    /** As {@link #list}, with each tag's manifest, push time and last-pull time. */
    static List<TagRecord> records(Connection c, SqlDialect dialect, RepositoryName repository, String last,
                                   int limit) throws SQLException {
        String after = last == null ? "" : last;
        return Sql.list(c, SqlTemplate.render(LIST_RECORDS, dialect),
                row -> new TagRecord(Columns.tag(row.getString(1)), Columns.digest(row.getString(2)),
                        Columns.instant(row.getLong(3)), Columns.instantOrNull(row, 4)),
                repository.value(), after, after, after, after, limit);
    }

    static boolean delete(Connection c, RepositoryName repository, Tag tag) throws SQLException {
        return Sql.update(c, """
                        DELETE FROM tags
                        WHERE repository_id = (SELECT id FROM repositories WHERE name = ?) AND name = ?""",
                repository.value(), tag.value()) > 0;
    }

    /**
     * Deletes the tag only while it points at the manifest with the push and last-pull time of {@code expected}; a
     * NULL last-pull time is compared as a value no real time has.
     */
    static boolean deleteIfUnchanged(Connection c, RepositoryName repository, TagRecord expected)
            throws SQLException {
        return Sql.update(c, """
                        DELETE FROM tags
                        WHERE repository_id = (SELECT id FROM repositories WHERE name = ?) AND name = ?
                          AND manifest_digest = ? AND updated_at = ? AND coalesce(last_pulled_at, ?) = ?""",
                repository.value(), expected.tag().value(), expected.manifest().toString(),
                expected.pushedAt().toEpochMilli(), NEVER_PULLED,
                expected.lastPulledAt() == null ? NEVER_PULLED : expected.lastPulledAt().toEpochMilli()) > 0;
    }

    /** Stands for a NULL last-pull time in comparisons: no time is this early. */
    private static final long NEVER_PULLED = Long.MIN_VALUE;

    static void deleteAllOf(Connection c, long repositoryId, Digest manifest) throws SQLException {
        Sql.update(c, "DELETE FROM tags WHERE repository_id = ? AND manifest_digest = ?",
                repositoryId, manifest.toString());
    }

    private TagsTable() {
    }
}
