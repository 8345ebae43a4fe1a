package io.stowage.service.gc;

import io.stowage.metadata.MetadataStore;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.MediaTypes;
import io.stowage.oci.Reference;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.error.RegistryException;
import io.stowage.service.EmbeddedBackends;
import io.stowage.service.Registry;
import io.stowage.service.StorageLayout;
import io.stowage.storage.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent pushes of images that share layers, and deletes of some of them, while garbage collection runs again
 * and again, back to back, with a grace period of a fraction of a second: layers of deleted images become garbage
 * while other pushes bring the same layers back, so collections and pushes meet on the same blobs. At the end every
 * acknowledged image that was not deleted pulls back intact, and after a last collection nothing unreferenced
 * remains, in the index or in storage. (With no grace period at all a collection running back to back takes every
 * blob between its push and its manifest, so pushes fail, closed, and never finish: that case is the contract
 * suite's race test.)
 *
 * <p>Short by default; {@code -Dstowage.stress.images=5000} for a long run.
 */
class GarbageCollectionStressTest {

    private static final int IMAGES = Integer.getInteger("stowage.stress.images", 300);
    private static final int PUSHERS = 4;
    private static final int SHARED_LAYERS = 6;
    private static final int MAX_ATTEMPTS = 200;
    private static final Duration GRACE = Duration.ofMillis(300);

    @TempDir
    Path dir;
    private EmbeddedBackends backends;
    private ObjectStore objects;
    private MetadataStore metadata;
    private Registry registry;

    private record Image(RepositoryName repository, Tag tag, Digest manifest, List<Digest> blobs) {
    }

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
    void acknowledgedImagesSurviveCollectionsRunningAllAlongAndNothingUnreferencedRemains() throws Exception {
        GarbageCollector collector = new GarbageCollector(objects, metadata, Clock.systemUTC(), GRACE);
        Map<String, Image> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        AtomicInteger collections = new AtomicInteger();
        AtomicBoolean pushing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(PUSHERS + 1);
        try {
            Future<?> gc = pool.submit(() -> {
                while (pushing.get()) {
                    collector.collect();
                    collections.incrementAndGet();
                }
                return null;
            });
            List<Future<?>> pushers = new ArrayList<>();
            for (int p = 0; p < PUSHERS; p++) {
                pushers.add(pool.submit(() -> {
                    for (int n; (n = next.getAndIncrement()) < IMAGES; ) {
                        Image image = pushWithRetries(n, retries);
                        acknowledged.put(image.tag().value(), image);
                        if (n % 5 == 4) {
                            // Delete an earlier image of this pusher's: its unique layer becomes garbage.
                            Image doomed = acknowledged.remove("img-" + (n - 4));
                            if (doomed != null) {
                                registry.manifests().delete(doomed.repository(), doomed.manifest());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> pusher : pushers) {
                pusher.get(10, TimeUnit.MINUTES);
            }
            pushing.set(false);
            gc.get(1, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }

        assertThat(collections.get()).as("collections ran alongside the pushes").isGreaterThan(1);
        for (Image image : acknowledged.values()) {
            assertThat(registry.manifests().get(image.repository(), image.tag()).digest()).isEqualTo(image.manifest());
            for (Digest blob : image.blobs()) {
                registry.blobs().stat(image.repository(), blob);
                assertThat(sha256Of(blob)).as("%s of %s", blob, image.tag()).isEqualTo(blob);
            }
        }

        // A last collection a second later with no grace: only what acknowledged images reference may remain.
        new GarbageCollector(objects, metadata, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1)),
                Duration.ZERO).collect();
        Set<String> referenced = new HashSet<>();
        acknowledged.values().forEach(image -> image.blobs().forEach(b -> referenced.add(StorageLayout.blobKey(b))));
        assertThat(new HashSet<>(objects.list(StorageLayout.BLOBS, null, 100_000))).isEqualTo(referenced);
        assertThat(metadata.garbage().tombstones(10)).isEmpty();
        System.out.printf("gc stress: %d images, %d acknowledged and kept, %d collections, %d retried pushes%n",
                IMAGES, acknowledged.size(), collections.get(), retries.get());
    }

    /** Pushes image {@code n} (blobs, then its manifest), starting over when a collection took a blob first. */
    private Image pushWithRetries(int n, AtomicInteger retries) throws Exception {
        RepositoryName repository = RepositoryName.parse("stress/repo-" + (n % 3));
        for (int attempt = 1; ; attempt++) {
            try {
                return push(repository, n);
            } catch (RegistryException e) {
                // A push slower than the grace period may see its blobs collected before its manifest arrives.
                retries.incrementAndGet();
                if (attempt == MAX_ATTEMPTS) {
                    throw new AssertionError("image " + n + " could not be pushed in " + attempt + " attempts", e);
                }
            }
        }
    }

    private Image push(RepositoryName repository, int n) throws Exception {
        Random random = new Random(n);
        List<Digest> blobs = new ArrayList<>();
        blobs.add(pushBlob(repository, "config of image " + n));
        blobs.add(pushBlob(repository, "shared layer " + random.nextInt(SHARED_LAYERS)));
        blobs.add(pushBlob(repository, "shared layer " + (SHARED_LAYERS + random.nextInt(SHARED_LAYERS))));
        blobs.add(pushBlob(repository, "unique layer " + n + " " + "x".repeat(random.nextInt(2000))));
        if (n % 5 == 0) {
            // Only images that are deleted soon after use these: each becomes garbage, and is then pushed again by a
            // later image while collections may be condemning it.
            blobs.add(pushBlob(repository, "recycled layer " + (n / 5) % 3));
        }
        Tag tag = Tag.parse("img-" + n);
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"config\":" + descriptor(MediaTypes.OCI_CONFIG, blobs.getFirst()) + ",\"layers\":[");
        for (int i = 1; i < blobs.size(); i++) {
            json.append(i == 1 ? "" : ",").append(descriptor("application/vnd.oci.image.layer.v1.tar", blobs.get(i)));
        }
        byte[] manifest = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        Digest digest = registry.manifests().put(repository, (Reference) tag, MediaTypes.OCI_MANIFEST, manifest,
                List.of()).digest();
        return new Image(repository, tag, digest, blobs);
    }

    private Digest pushBlob(RepositoryName repository, String content) throws Exception {
        return EmbeddedBackends.pushBlob(registry.uploads(), repository, content);
    }

    private static String descriptor(String mediaType, Digest digest) {
        // Sizes are not checked against the blob by the registry's index; the digest is what references it.
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":1}";
    }

    private Digest sha256Of(Digest blob) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = objects.read(StorageLayout.blobKey(blob), 0)) {
            byte[] buffer = new byte[8192];
            for (int r; (r = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, r);
            }
        }
        return Digest.of(DigestAlgorithm.SHA256, sha);
    }
}
