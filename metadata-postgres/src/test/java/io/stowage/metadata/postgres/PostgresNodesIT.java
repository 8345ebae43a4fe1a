package io.stowage.metadata.postgres;

import io.stowage.metadata.AuditEvent;
import io.stowage.metadata.AuditQuery;
import io.stowage.metadata.ManifestRecord;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.SigningKeyRecord;
import io.stowage.metadata.jdbc.Schema;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.MediaTypes;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two stores on one database, each with its own pool: two registry nodes. What one node does must never break, or be
 * broken by, what the other does at the same moment; every outcome must be one that running the two operations one
 * after the other could have produced.
 */
class PostgresNodesIT {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");
    private static final RepositoryName REPO = RepositoryName.parse("busy/app");

    private PostgresSettings settings;
    private MetadataStore nodeA;
    private MetadataStore nodeB;
    private ExecutorService threads;

    @BeforeEach
    void startTwoNodes() {
        settings = TestDatabases.newDatabase();
        nodeA = PostgresMetadataStore.open(settings);
        nodeB = PostgresMetadataStore.open(settings);
        threads = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopNodes() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(30, TimeUnit.SECONDS);
        nodeA.close();
        nodeB.close();
    }

    @Test
    void bothNodesPuttingTheSameTagsEndWithEveryManifestAndOneWinnerPerTag() throws Exception {
        int threadsPerNode = 4;
        int putsPerThread = 25;
        Digest layer = digest("layer");
        nodeA.blobs().link(REPO, layer, 5);
        Set<Digest> taggedLatest = ConcurrentHashMap.newKeySet();
        CyclicBarrier start = new CyclicBarrier(threadsPerNode * 2);
        List<Future<List<ManifestRecord>>> futures = new ArrayList<>();
        for (MetadataStore node : List.of(nodeA, nodeB)) {
            for (int t = 0; t < threadsPerNode; t++) {
                String writer = (node == nodeA ? "a" : "b") + t;
                futures.add(threads.submit(() -> {
                    start.await();
                    List<ManifestRecord> mine = new ArrayList<>();
                    for (int i = 0; i < putsPerThread; i++) {
                        ManifestRecord m = manifest(REPO, writer + "-" + i);
                        taggedLatest.add(m.digest());
                        // Both tag orders, so two puts lock the same tags from either end.
                        List<Tag> tags = i % 2 == 0
                                ? List.of(Tag.parse("latest"), Tag.parse("stable"), Tag.parse(writer + "-" + i))
                                : List.of(Tag.parse(writer + "-" + i), Tag.parse("stable"), Tag.parse("latest"));
                        assertThat(node.manifests().put(m, List.of(layer), List.of(), tags)).isEmpty();
                        mine.add(m);
                    }
                    return mine;
                }));
            }
        }

        List<ManifestRecord> all = new ArrayList<>();
        for (Future<List<ManifestRecord>> future : futures) {
            all.addAll(future.get(60, TimeUnit.SECONDS));
        }

        assertThat(all).hasSize(threadsPerNode * 2 * putsPerThread);
        for (ManifestRecord m : all) {
            assertThat(nodeB.manifests().find(REPO, m.digest())).isPresent();
        }
        Digest latest = nodeA.manifests().resolve(REPO, Tag.parse("latest")).orElseThrow();
        assertThat(latest).isIn(taggedLatest);
        assertThat(nodeB.manifests().resolve(REPO, Tag.parse("latest"))).hasValue(latest);
        assertThat(nodeA.manifests().resolve(REPO, Tag.parse("stable"))).get().isIn(taggedLatest);
        assertThat(nodeA.manifests().tags(REPO, null, 1000)).hasSize(all.size() + 2);
    }

    @Test
    void anUnlinkRacingAPutEndsInOneOfTheTwoSerialOutcomes() throws Exception {
        int rounds = 30;
        int putFirst = 0;
        for (int round = 0; round < rounds; round++) {
            Digest layer = digest("layer-" + round);
            nodeA.blobs().link(REPO, layer, 5);
            ManifestRecord m = manifest(REPO, "m-" + round);
            Tag tag = Tag.parse("t-" + round);
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Set<Digest>> put = threads.submit(() -> {
                start.await();
                return nodeA.manifests().put(m, List.of(layer), List.of(), List.of(tag));
            });
            Future<Boolean> unlink = threads.submit(() -> {
                start.await();
                return nodeB.blobs().unlink(REPO, layer);
            });

            Set<Digest> missing = put.get(30, TimeUnit.SECONDS);
            assertThat(unlink.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(nodeA.blobs().findLinked(REPO, layer)).isEmpty();
            if (missing.isEmpty()) {
                // Put, then unlink: the manifest is complete, with its reference to the layer.
                putFirst++;
                assertThat(nodeB.manifests().find(REPO, m.digest())).isPresent();
                assertThat(nodeB.manifests().resolve(REPO, tag)).hasValue(m.digest());
                assertThat(count("SELECT count(*) FROM manifest_blob_refs WHERE blob_digest = '" + layer + "'"))
                        .isEqualTo(1);
            } else {
                // Unlink, then put: nothing of the manifest was written.
                assertThat(missing).containsExactly(layer);
                assertThat(nodeB.manifests().find(REPO, m.digest())).isEmpty();
                assertThat(nodeB.manifests().resolve(REPO, tag)).isEmpty();
            }
        }
        System.out.printf("unlink racing put: put first in %d of %d rounds%n", putFirst, rounds);
    }

    @Test
    void puttingAManifestAgainWhileAnotherNodeDeletesItNeverFails() throws Exception {
        int rounds = 30;
        for (int round = 0; round < rounds; round++) {
            ManifestRecord m = manifest(REPO, "again-" + round);
            Tag tag = Tag.parse("again-" + round);
            assertThat(nodeA.manifests().put(m, List.of(), List.of(), List.of(Tag.parse("first-" + round))))
                    .isEmpty();
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Set<Digest>> put = threads.submit(() -> {
                start.await();
                return nodeA.manifests().put(m, List.of(), List.of(), List.of(tag));
            });
            Future<Boolean> delete = threads.submit(() -> {
                start.await();
                return nodeB.manifests().delete(REPO, m.digest());
            });

            assertThat(put.get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(delete.get(30, TimeUnit.SECONDS)).isTrue();
            if (nodeA.manifests().find(REPO, m.digest()).isPresent()) {
                // Delete, then put: the manifest is back, with only the put's tag.
                assertThat(nodeA.manifests().resolve(REPO, tag)).hasValue(m.digest());
                assertThat(nodeA.manifests().resolve(REPO, Tag.parse("first-" + round))).isEmpty();
            } else {
                // Put, then delete: every tag went with it.
                assertThat(nodeA.manifests().resolve(REPO, tag)).isEmpty();
            }
        }
    }

    @Test
    void anIndexPutRacingTheDeleteOfItsChildEndsInOneOfTheTwoSerialOutcomes() throws Exception {
        int rounds = 30;
        for (int round = 0; round < rounds; round++) {
            ManifestRecord child = manifest(REPO, "child-" + round);
            assertThat(nodeA.manifests().put(child, List.of(), List.of(), List.of())).isEmpty();
            ManifestRecord index = manifest(REPO, "index-" + round);
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Set<Digest>> put = threads.submit(() -> {
                start.await();
                return nodeA.manifests().put(index, List.of(), List.of(child.digest()), List.of());
            });
            Future<Boolean> delete = threads.submit(() -> {
                start.await();
                return nodeB.manifests().delete(REPO, child.digest());
            });

            Set<Digest> missing = put.get(30, TimeUnit.SECONDS);
            assertThat(delete.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(nodeA.manifests().find(REPO, index.digest()).isPresent()).isEqualTo(missing.isEmpty());
            if (!missing.isEmpty()) {
                assertThat(missing).containsExactly(child.digest());
            }
        }
    }

    @Test
    void bothNodesAppendingToTheAuditLogKeepEveryEventWithItsOwnId() throws Exception {
        int threadsPerNode = 4;
        int appendsPerThread = 50;
        CyclicBarrier start = new CyclicBarrier(threadsPerNode * 2);
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (MetadataStore node : List.of(nodeA, nodeB)) {
            for (int t = 0; t < threadsPerNode; t++) {
                String identity = (node == nodeA ? "a" : "b") + t;
                futures.add(threads.submit(() -> {
                    start.await();
                    long previous = 0;
                    for (int i = 0; i < appendsPerThread; i++) {
                        long id = node.audit().append(new AuditEvent(T0, identity, "10.0.0.1", "test",
                                "manifest.pull", REPO.value(), null, "ok", null));
                        assertThat(id).isGreaterThan(previous);
                        assertThat(ids.add(id)).as("id %d given twice", id).isTrue();
                        previous = id;
                    }
                    return null;
                }));
            }
        }
        for (Future<?> future : futures) {
            future.get(120, TimeUnit.SECONDS);
        }

        long total = (long) threadsPerNode * 2 * appendsPerThread;
        assertThat(ids).hasSize((int) total);
        assertThat(nodeA.audit().count(AuditQuery.ALL)).isEqualTo(total);
        assertThat(nodeB.audit().count(AuditQuery.ALL.withIdentity("a0"))).isEqualTo(appendsPerThread);
        assertThat(nodeB.audit().query(AuditQuery.ALL, null, (int) total)).extracting(AuditEvent::id)
                .containsExactlyElementsOf(ids.stream().sorted().toList());
    }

    @Test
    void aSigningKeyRotatedOnOneNodeIsWhatTheOtherSees() {
        SigningKeyRecord first = new SigningKeyRecord("k1", "ES256", "-----BEGIN PRIVATE KEY-----\nAAAA\n", T0, null);
        SigningKeyRecord second = new SigningKeyRecord("k2", "EdDSA", "-----BEGIN PRIVATE KEY-----\nBBBB\n",
                T0.plusSeconds(60), null);

        assertThat(nodeA.signingKeys().add(first)).isTrue();
        assertThat(nodeB.signingKeys().find("k1")).as("B verifies what A signs").hasValue(first);

        assertThat(nodeB.signingKeys().add(second)).isTrue();
        assertThat(nodeA.signingKeys().list()).containsExactly(first, second);

        assertThat(nodeA.signingKeys().retire("k1", T0.plusSeconds(120))).isTrue();
        assertThat(nodeB.signingKeys().retire("k1", T0.plusSeconds(180))).isFalse();
        assertThat(nodeB.signingKeys().find("k1")).map(SigningKeyRecord::retiredAt).hasValue(T0.plusSeconds(120));
    }

    @Test
    void bothNodesAddingTheSameKidAtOnceLeaveExactlyOneKey() throws Exception {
        int threadsPerNode = 4;
        for (int round = 0; round < 20; round++) {
            String kid = "race-" + round;
            CyclicBarrier start = new CyclicBarrier(threadsPerNode * 2);
            Map<Future<Boolean>, String> adds = new HashMap<>();
            for (MetadataStore node : List.of(nodeA, nodeB)) {
                for (int t = 0; t < threadsPerNode; t++) {
                    String pem = (node == nodeA ? "a" : "b") + t + "\n";
                    adds.put(threads.submit(() -> {
                        start.await();
                        return node.signingKeys().add(new SigningKeyRecord(kid, "ES256", pem, T0, null));
                    }), pem);
                }
            }
            List<String> winners = new ArrayList<>();
            for (Map.Entry<Future<Boolean>, String> add : adds.entrySet()) {
                if (add.getKey().get(30, TimeUnit.SECONDS)) {
                    winners.add(add.getValue());
                }
            }
            assertThat(winners).as("round %d", round).hasSize(1);
            assertThat(nodeA.signingKeys().find(kid)).map(SigningKeyRecord::privateKeyPem)
                    .hasValue(winners.getFirst());
        }
        assertThat(nodeB.signingKeys().list()).hasSize(20);
    }

    @Test
    void migrationsRunExactlyOnceWhenNodesStartTogether() throws Exception {
        PostgresSettings fresh = TestDatabases.newDatabase();
        int nodes = 4;
        CyclicBarrier start = new CyclicBarrier(nodes);
        List<Future<MetadataStore>> opened = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Callable<MetadataStore> open = () -> {
                start.await();
                return PostgresMetadataStore.open(new PostgresSettings(fresh.url(), fresh.user(), fresh.password(),
                        2));
            };
            opened.add(threads.submit(open));
        }
        List<MetadataStore> stores = new ArrayList<>();
        try {
            for (Future<MetadataStore> store : opened) {
                stores.add(store.get(60, TimeUnit.SECONDS));
            }

            try (Connection c = TestDatabases.connect(fresh); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery(
                         "SELECT version, count(*) FROM schema_version GROUP BY version ORDER BY version")) {
                // Every migration applied, each exactly once.
                for (int version = 1; version <= Schema.latestVersion(); version++) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(version);
                    assertThat(rows.getInt(2)).isEqualTo(1);
                }
                assertThat(rows.next()).isFalse();
            }
            stores.getFirst().blobs().link(REPO, digest("x"), 1);
            assertThat(stores.getLast().repositories().list(null, 10)).containsExactly(REPO);
        } finally {
            stores.forEach(MetadataStore::close);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = TestDatabases.connect(settings); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Digest digest(String seed) {
        return Digest.of(DigestAlgorithm.SHA256, seed.getBytes(StandardCharsets.UTF_8));
    }

    private static ManifestRecord manifest(RepositoryName repository, String seed) {
        byte[] content = ("{\"schemaVersion\":2,\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
        return new ManifestRecord(repository, Digest.of(DigestAlgorithm.SHA256, content), MediaTypes.OCI_MANIFEST,
                content, null, null, Map.of(), T0);
    }
}
