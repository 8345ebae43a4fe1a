package io.stowage.service.gc;

import io.stowage.metadata.MetadataStore;
import io.stowage.oci.Digest;
import io.stowage.oci.MediaTypes;
import io.stowage.oci.Reference;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.error.BlobUnknownException;
import io.stowage.service.EmbeddedBackends;
import io.stowage.service.Registry;
import io.stowage.service.StorageLayout;
import io.stowage.storage.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Garbage collection over the embedded backends, through the services a push uses. */
class GarbageCollectorTest {

    private static final RepositoryName REPO = RepositoryName.parse("team/app");

    @TempDir
    Path dir;
    private EmbeddedBackends backends;
    private ObjectStore objects;
    private MetadataStore metadata;
    private Registry registry;

    @BeforeEach
    void open() {
        backends = EmbeddedBackends.open(dir);
        objects = backends.objects();
        metadata = backends.metadata();
        registry = Registry.over(objects, metadata, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        backends.close();
    }

    @Test
    void layersOfADeletedManifestGoWithTheirBytesWhileThoseOfALiveOneStay() throws Exception {
        Digest config = push("config");
        Digest shared = push("shared layer");
        Digest onlyOld = push("old layer");
        Digest oldManifest = putImage("old", config, shared, onlyOld);
        putImage("new", config, shared);
        registry.manifests().delete(REPO, oldManifest);

        GcReport report = collector(Duration.ZERO).collect();

        assertThat(report.blobsDeleted()).isEqualTo(1);
        assertThat(report.bytesFreed()).isEqualTo(bytes("old layer").length);
        assertThat(report.linksPruned()).isEqualTo(1);
        assertThat(objects.stat(StorageLayout.blobKey(onlyOld))).as("its bytes").isEmpty();
        assertThatThrownBy(() -> registry.blobs().stat(REPO, onlyOld)).isInstanceOf(BlobUnknownException.class);
        for (Digest live : List.of(config, shared)) {
            assertThat(registry.blobs().stat(REPO, live).size()).isPositive();
            assertThat(objects.stat(StorageLayout.blobKey(live))).isPresent();
        }
        assertThat(metadata.garbage().tombstones(10)).isEmpty();
    }

    @Test
    void theScheduledJobReportsRoundsThatRemovedSomethingAndOnlyThose() throws Exception {
        List<GcReport> heard = new java.util.ArrayList<>();
        GarbageCollectionJob job = new GarbageCollectionJob(collector(Duration.ZERO), heard::add);
        assertThat(job.runOnce()).as("nothing to collect").isNull();
        assertThat(heard).isEmpty();

        Digest config = push("config");
        Digest layer = push("a layer");
        registry.manifests().delete(REPO, putImage("gone", config, layer));
        assertThat(job.runOnce()).isNotNull();
        assertThat(heard).singleElement().satisfies(r -> assertThat(r.blobsDeleted()).as("config and layer").isEqualTo(2));
    }

    @Test
    void theGracePeriodProtectsBlobsPushedButNotYetReferenced() throws Exception {
        Digest fresh = push("pushed, manifest still to come");

        GcReport report = collector(Duration.ofHours(1)).collect();

        assertThat(report.blobsDeleted()).isZero();
        assertThat(report.linksPruned()).isZero();
        assertThat(registry.blobs().stat(REPO, fresh).size()).isPositive();
        putImage("later", fresh);
    }

    @Test
    void aBlobDeletedFromItsRepositoryIsCollectedUnlessAnotherRepositoryUsesIt() throws Exception {
        RepositoryName other = RepositoryName.parse("team/other");
        Digest blob = push("mounted");
        assertThat(registry.blobs().mount(other, blob, Optional.of(REPO), repository -> true)).isTrue();
        putImage(other, "uses-it", blob);
        Digest alone = push("alone");
        registry.blobs().delete(REPO, blob);
        registry.blobs().delete(REPO, alone);

        GcReport report = collector(Duration.ZERO).collect();

        assertThat(report.blobsDeleted()).isEqualTo(1);
        assertThat(objects.stat(StorageLayout.blobKey(alone))).isEmpty();
        assertThat(registry.blobs().stat(other, blob).size()).isPositive();
        assertThat(objects.stat(StorageLayout.blobKey(blob))).isPresent();
    }

    @Test
    void aDryRunReportsExactlyWhatTheRealRunThenDoesAndDeletesNothing() throws Exception {
        Digest config = push("config");
        Digest kept = push("kept");
        for (int i = 0; i < 5; i++) {
            push("unused " + i);
        }
        Digest gone = putImage("gone", config, push("gone layer"));
        putImage("kept", config, kept);
        registry.manifests().delete(REPO, gone);

        GcReport dry = collector(Duration.ZERO).dryRun();

        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.blobsDeleted()).isEqualTo(6);
        assertThat(objects.list(StorageLayout.BLOBS, null, 100)).hasSize(8);
        assertThat(metadata.garbage().countPrunableLinks(dry.cutoff())).isEqualTo(dry.linksPruned());

        GcReport real = collector(Duration.ZERO).collect();

        assertThat(real.dryRun()).isFalse();
        assertThat(real.linksPruned()).isEqualTo(dry.linksPruned());
        assertThat(real.blobsDeleted()).isEqualTo(dry.blobsDeleted());
        assertThat(real.bytesFreed()).isEqualTo(dry.bytesFreed());
        assertThat(objects.list(StorageLayout.BLOBS, null, 100)).hasSize(2);
        assertThat(collector(Duration.ZERO).dryRun().blobsDeleted()).as("nothing left to take").isZero();
    }

    @Test
    void bytesOfBlobsCondemnedByAnInterruptedRunAreDeletedByTheNextOne() throws Exception {
        Digest blob = push("condemned, then the node died");
        registry.blobs().delete(REPO, blob);
        var cutoff = Clock.systemUTC().instant().plusSeconds(1);
        assertThat(metadata.garbage().condemn(List.of(blob), cutoff)).hasSize(1);

        GcReport report = collector(Duration.ofHours(1)).collect();

        assertThat(report.resumed()).isEqualTo(1);
        assertThat(objects.stat(StorageLayout.blobKey(blob))).isEmpty();
        assertThat(metadata.garbage().tombstones(10)).isEmpty();
        assertThat(push("condemned, then the node died")).as("pushable again").isEqualTo(blob);
        assertThat(objects.stat(StorageLayout.blobKey(blob))).isPresent();
    }

    @Test
    void aPushOfABlobBeingCollectedWaitsAndThenStoresItsBytesAgain() throws Exception {
        Digest blob = push("collected while pushed again");
        registry.blobs().delete(REPO, blob);
        assertThat(metadata.garbage().condemn(List.of(blob), Clock.systemUTC().instant().plusSeconds(1))).hasSize(1);

        // The collector deletes the bytes and buries the tombstone while the push waits for it.
        Thread collector = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            collector(Duration.ofHours(1)).collect();
        });
        Digest again = push("collected while pushed again");
        collector.join();

        assertThat(again).isEqualTo(blob);
        assertThat(objects.stat(StorageLayout.blobKey(blob))).as("stored anew").isPresent();
        assertThat(registry.blobs().stat(REPO, blob).size()).isPositive();
    }

    @Test
    void anOnDemandCollectionRunsOnlyWhereTheJobsLeaseIsAndNeverBesideAnotherRunOnThisNode() throws Exception {
        Digest blob = push("unreferenced");
        registry.blobs().delete(REPO, blob);
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1));
        GarbageCollector collector = collector(Duration.ZERO);
        assertThat(metadata.leases().acquire(GarbageCollectionJob.NAME, "other-node", clock.instant(),
                Duration.ofMinutes(10))).isTrue();

        OnDemandCollection here = new OnDemandCollection(collector, metadata.leases(), "this-node",
                Duration.ofMinutes(10), clock);
        assertThat(here.collect()).isEqualTo(new OnDemandCollection.Outcome.Elsewhere("other-node"));
        assertThat(here.dryRun().blobsDeleted()).as("a dry run needs no lease").isEqualTo(1);
        assertThat(objects.stat(StorageLayout.blobKey(blob))).as("nothing deleted").isPresent();

        metadata.leases().release(GarbageCollectionJob.NAME, "other-node");
        OnDemandCollection.Outcome ran = here.collect();
        assertThat(ran).isInstanceOf(OnDemandCollection.Outcome.Ran.class);
        assertThat(((OnDemandCollection.Outcome.Ran) ran).report().blobsDeleted()).isEqualTo(1);
        assertThat(metadata.leases().find(GarbageCollectionJob.NAME).orElseThrow().holder())
                .as("taken as the node's scheduler takes it").isEqualTo("this-node");

        // While this node collects, a second run here is refused rather than queued.
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ObjectStore slow = new BlockingDeletes(objects, inside, release);
        GarbageCollector blocking = new GarbageCollector(slow, metadata, clock, Duration.ZERO);
        Digest another = push("another unreferenced");
        registry.blobs().delete(REPO, another);
        Thread first = Thread.ofVirtual().start(blocking::collect);
        assertThat(inside.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        OnDemandCollection busy = new OnDemandCollection(blocking, metadata.leases(), "this-node",
                Duration.ofMinutes(10), clock);
        assertThat(busy.collect()).isEqualTo(new OnDemandCollection.Outcome.Busy());
        assertThat(new GarbageCollectionJob(blocking).runOnce()).contains("skipped");
        release.countDown();
        first.join();
    }

    /** A collector whose run happens a second after everything the test did (timestamps are milliseconds). */
    private GarbageCollector collector(Duration grace) {
        return new GarbageCollector(objects, metadata, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1)), grace);
    }

    private Digest push(String content) throws Exception {
        return EmbeddedBackends.pushBlob(registry.uploads(), REPO, content);
    }

    private Digest putImage(String tag, Digest config, Digest... layers) throws Exception {
        return putImage(REPO, tag, config, layers);
    }

    private Digest putImage(RepositoryName repository, String tag, Digest config, Digest... layers) throws Exception {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"config\":" + descriptor(MediaTypes.OCI_CONFIG, config) + ",\"layers\":[");
        for (int i = 0; i < layers.length; i++) {
            json.append(i == 0 ? "" : ",").append(descriptor("application/vnd.oci.image.layer.v1.tar", layers[i]));
        }
        byte[] content = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        return registry.manifests().put(repository, (Reference) Tag.parse(tag), MediaTypes.OCI_MANIFEST, content,
                List.of()).digest();
    }

    private String descriptor(String mediaType, Digest digest) {
        long size = metadata.blobs().find(digest).orElseThrow().size();
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    private static byte[] bytes(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
