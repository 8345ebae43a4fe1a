package io.stowage.metadata.jdbc;

import io.stowage.metadata.NamespaceUsage;
import io.stowage.metadata.Namespaces;
import io.stowage.metadata.QuotaExceededException;
import io.stowage.metadata.RepositoryUsage;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Storage use computed from {@code repository_blobs}, {@code blobs} and {@code manifests}, and the quota check of a
 * link. Each figure set is one statement, so it is one consistent reading on every engine.
 *
 * <p>The repositories of a namespace {@code n} are {@code n} itself and the names in the open range
 * ({@code n/}, {@code n0}): {@code 0} follows {@code /} in ASCII, names compare bytewise on both engines, so the range
 * holds exactly the names that start with {@code n/}, and it is read off the unique index on {@code repositories.name}
 * (a {@code LIKE} would need escaping of {@code _} and, on SQLite, could not use that index).
 */
final class UsageQueries {

    /** The ids of the repositories a namespace covers; binds the three values of {@link #coveredBy}. */
    private static final String NAMESPACE_REPOSITORIES =
            "WITH ns AS (SELECT id FROM repositories WHERE name = ? OR (name > ? AND name < ?))\n";

    private static final String REPOSITORY_USAGE = """
            SELECT
              (SELECT count(*) FROM repository_blobs rb WHERE rb.repository_id = r.id),
              (SELECT coalesce(sum(b.size), 0) FROM repository_blobs rb JOIN blobs b ON b.digest = rb.digest
               WHERE rb.repository_id = r.id),
              (SELECT count(*) FROM manifests m WHERE m.repository_id = r.id),
              (SELECT coalesce(sum(length(m.content)), 0) FROM manifests m WHERE m.repository_id = r.id),
              (SELECT coalesce(sum(b.size), 0) FROM repository_blobs rb JOIN blobs b ON b.digest = rb.digest
               WHERE rb.repository_id = r.id
                 AND NOT EXISTS (SELECT 1 FROM repository_blobs o
                                 WHERE o.digest = rb.digest AND o.repository_id <> r.id)
                 AND NOT EXISTS (SELECT 1 FROM manifest_blob_refs mr
                                 WHERE mr.blob_digest = rb.digest AND mr.repository_id <> r.id))
            FROM repositories r
            WHERE r.name = ?""";

    private static final String NAMESPACE_USAGE = NAMESPACE_REPOSITORIES + """
            SELECT
              (SELECT count(*) FROM ns),
              (SELECT coalesce(sum(length(m.content)), 0) FROM manifests m
               WHERE m.repository_id IN (SELECT id FROM ns)),
              (SELECT coalesce(sum(b.size), 0) FROM repository_blobs rb JOIN blobs b ON b.digest = rb.digest
               WHERE rb.repository_id IN (SELECT id FROM ns)),
              (SELECT coalesce(sum(b.size), 0) FROM blobs b
               WHERE b.digest IN (SELECT rb.digest FROM repository_blobs rb
                                  WHERE rb.repository_id IN (SELECT id FROM ns))),
              (SELECT coalesce(sum(b.size), 0) FROM blobs b
               WHERE b.digest IN (SELECT rb.digest FROM repository_blobs rb
                                  WHERE rb.repository_id IN (SELECT id FROM ns))
                 AND NOT EXISTS (SELECT 1 FROM repository_blobs o
                                 WHERE o.digest = b.digest AND o.repository_id NOT IN (SELECT id FROM ns))
                 AND NOT EXISTS (SELECT 1 FROM manifest_blob_refs mr
                                 WHERE mr.blob_digest = b.digest AND mr.repository_id NOT IN (SELECT id FROM ns)))""";

    /** What a quota limits: {@link NamespaceUsage#storedBytes()}, without the figures it does not need. */
    private static final String NAMESPACE_STORED = NAMESPACE_REPOSITORIES + """
            SELECT
              (SELECT coalesce(sum(length(m.content)), 0) FROM manifests m
               WHERE m.repository_id IN (SELECT id FROM ns)),
              (SELECT coalesce(sum(b.size), 0) FROM blobs b
               WHERE b.digest IN (SELECT rb.digest FROM repository_blobs rb
                                  WHERE rb.repository_id IN (SELECT id FROM ns)))""";

    private static final String LINKED_IN_NAMESPACE = """
            SELECT 1 FROM repository_blobs rb JOIN repositories r ON r.id = rb.repository_id
            WHERE rb.digest = ? AND (r.name = ? OR (r.name > ? AND r.name < ?))""";

    static RepositoryUsage repository(Connection c, RepositoryName repository) throws SQLException {
        return Sql.first(c, REPOSITORY_USAGE, row -> new RepositoryUsage(repository, row.getLong(1), row.getLong(2),
                        row.getLong(3), row.getLong(4), row.getLong(5)), repository.value())
                .orElse(new RepositoryUsage(repository, 0, 0, 0, 0, 0));
    }

    static NamespaceUsage namespace(Connection c, String namespace) throws SQLException {
        return Sql.first(c, NAMESPACE_USAGE, row -> new NamespaceUsage(namespace, row.getLong(1), row.getLong(2),
                        row.getLong(3), row.getLong(4), row.getLong(5)), coveredBy(namespace))
                .orElseThrow(() -> new SQLException("a query without FROM returned no row"));
    }

    /**
     * What a link of {@code digest} to {@code repository} would add to the namespaces that cover the repository and
     * have a quota, read outside the link's write transaction: reading a namespace's use is linear in its links, and
     * on SQLite the write transaction excludes every other writer. Only namespaces the blob is new to are listed
     * (a blob some repository of the namespace links already adds nothing); empty when no covering namespace has a
     * quota, which costs one lookup by primary key.
     */
    static QuotaReading readQuotas(Connection c, RepositoryName repository, Digest digest) throws SQLException {
        Map<String, Long> quotas = NamespacesTable.quotas(c, Namespaces.covering(repository));
        if (quotas.isEmpty()) {
            return QuotaReading.NONE;
        }
        Map<String, Long> used = new TreeMap<>();
        for (String namespace : quotas.keySet()) {
            if (!linkedIn(c, namespace, digest)) {
                used.put(namespace, stored(c, namespace));
            }
        }
        return new QuotaReading(used);
    }

    /**
     * Inside the link's write transaction: throws {@link QuotaExceededException} if the link would take a covering
     * namespace with a quota past it, judged by its quota now and the use {@code reading} found. Namespaces are
     * checked from the outermost in, so the refusal names the first that does not fit. A namespace that got its
     * quota after the reading is read here, in the transaction (rare).
     *
     * <p>Links into one namespace committing between another link's reading and its commit are not counted by it:
     * each such concurrent link may take the namespace past its quota by at most its own blob.
     */
    static void enforceQuotas(Connection c, RepositoryName repository, Digest digest, QuotaReading reading)
            throws SQLException {
        Map<String, Long> quotas = NamespacesTable.quotas(c, Namespaces.covering(repository));
        if (quotas.isEmpty()) {
            return;
        }
        long size = BlobsTable.find(c, digest).orElseThrow(() -> new SQLException("a linked blob has no row"))
                .size();
        for (Map.Entry<String, Long> quota : quotas.entrySet()) {
            String namespace = quota.getKey();
            long limit = quota.getValue();
            Long used = reading.used().get(namespace);
            if (used == null) {
                if (linkedIn(c, namespace, digest)) {
                    continue;
                }
                used = stored(c, namespace);
            }
            // Written so that nothing overflows: both are at least 0.
            if (used > limit || size > limit - used) {
                throw new QuotaExceededException(namespace, used, limit, size);
            }
        }
    }

    /** What the covering namespaces with a quota that the blob was new to stored when read, by name. */
    record QuotaReading(Map<String, Long> used) {
        static final QuotaReading NONE = new QuotaReading(Map.of());
    }

    private static boolean linkedIn(Connection c, String namespace, Digest digest) throws SQLException {
        return Sql.exists(c, LINKED_IN_NAMESPACE, concat(digest.toString(), coveredBy(namespace)));
    }

    private static long stored(Connection c, String namespace) throws SQLException {
        return Sql.first(c, NAMESPACE_STORED, row -> row.getLong(1) + row.getLong(2), coveredBy(namespace))
                .orElseThrow(() -> new SQLException("a query without FROM returned no row"));
    }

    /** The values that bind a namespace's repositories: the name itself, and the bounds of the names below it. */
    private static Object[] coveredBy(String namespace) {
        return new Object[] {namespace, namespace + "/", namespace + "0"};
    }

    private static Object[] concat(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private UsageQueries() {
    }
}
