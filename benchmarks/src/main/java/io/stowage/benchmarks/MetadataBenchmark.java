package io.stowage.benchmarks;

import io.stowage.metadata.BlobRecord;
import io.stowage.metadata.ManifestRecord;
import io.stowage.metadata.cache.CachingMetadataStore;
import io.stowage.metadata.sqlite.SqliteMetadataStore;
import io.stowage.oci.Digest;
import io.stowage.oci.MediaTypes;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.service.ManifestService;
import io.stowage.service.lifecycle.PullRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads of the embedded metadata store, {@link SqliteMetadataStore} on a file in a temporary directory (WAL,
 * {@code synchronous=FULL}, one writer and the reader connections, as the server opens it), pre-populated with
 * {@link #REPOSITORIES} repositories of 3 layers, a config and a manifest each, tagged {@code latest}, and one
 * repository with {@link #TAGS} tags: the lookups behind a manifest GET by tag (resolve then find, and
 * {@code ManifestService.get} as the HTTP layer calls it, pull recording included), a blob GET ({@code findLinked}),
 * a tags list page of 100 and a catalog page of 100, both from the middle of the list, and the whole tag list. The
 * {@code ...Cached} benchmarks ask through the {@link CachingMetadataStore} the server puts over SQLite, as repeated
 * pulls do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetadataBenchmark {

    static final int REPOSITORIES = 1_000;
    static final int TAGS = 5_000;

    private Path directory;
    private SqliteMetadataStore store;
    private ManifestService manifests;
    private ManifestService cachedManifests;
    private Digest manifestDigest;
    private PullRecorder pulls;
    private RepositoryName repository;
    private RepositoryName tagged;
    private Tag latest;
    private Digest layer;
    private String tagsAfter;
    private String catalogAfter;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("stowage-jmh-metadata-");
        store = SqliteMetadataStore.open(directory.resolve("metadata.db"));
        Instant now = Instant.parse("2026-11-29T08:00:00Z");
        List<RepositoryName> names = new ArrayList<>();
        for (int r = 0; r < REPOSITORIES; r++) {
            RepositoryName name = RepositoryName.parse(String.format("team-%02d/service-%04d", r % 20, r));
            names.add(name);
            String seed = name.value();
            List<Digest> blobs = new ArrayList<>();
            for (int b = 0; b < 3; b++) {
                blobs.add(Fixtures.digest(seed + "/layer/" + b));
            }
            blobs.add(Fixtures.digest(seed + "/config"));
            for (Digest blob : blobs) {
                store.blobs().link(name, blob, 1_048_576);
            }
            byte[] content = Fixtures.imageManifest(seed, 3);
            Digest digest = Digest.of(io.stowage.oci.DigestAlgorithm.SHA256, content);
            store.manifests().put(new ManifestRecord(name, digest, MediaTypes.OCI_MANIFEST, content, null, null,
                    Map.of(), now), blobs, List.of(), List.of(Tag.parse("latest")));
        }
        repository = names.get(REPOSITORIES / 2);
        latest = Tag.parse("latest");
        layer = Fixtures.digest(repository.value() + "/layer/1");
        catalogAfter = names.get(REPOSITORIES / 2).value();

        tagged = RepositoryName.parse("library/tagged");
        List<Tag> tags = new ArrayList<>();
        for (int t = 0; t < TAGS; t++) {
            tags.add(Tag.parse(String.format("v%d.%d.%d", t / 100, (t / 10) % 10, t % 10)));
        }
        byte[] content = Fixtures.imageManifest("library/tagged", 1);
        List<Digest> blobs = List.of(Fixtures.digest("library/tagged/layer/0"), Fixtures.digest("library/tagged/config"));
        for (Digest blob : blobs) {
            store.blobs().link(tagged, blob, 1_048_576);
        }
        store.manifests().put(new ManifestRecord(tagged, Digest.of(io.stowage.oci.DigestAlgorithm.SHA256, content),
                MediaTypes.OCI_MANIFEST, content, null, null, Map.of(), now), blobs, List.of(), tags);
        tagsAfter = tags.get(TAGS / 2).value();

        pulls = new PullRecorder(store.activity(), Clock.systemUTC());
        manifests = new ManifestService(store, Clock.systemUTC(), pulls);
        cachedManifests = new ManifestService(new CachingMetadataStore(store, 8 << 20), Clock.systemUTC(), pulls);
        manifestDigest = store.manifests().resolve(repository, latest).orElseThrow();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        pulls.close();
        store.close();
        Cleanup.delete(directory);
    }

    @Benchmark
    public Optional<Digest> resolveTag() {
        return store.manifests().resolve(repository, latest);
    }

    /** A manifest GET by tag at the store: the tag's digest, then the manifest with its bytes. */
    @Benchmark
    public Optional<ManifestRecord> resolveTagThenFindManifest() {
        return store.manifests().find(repository, store.manifests().resolve(repository, latest).orElseThrow());
    }

    /** A manifest GET by tag as the HTTP layer asks for it: ManifestService.get, counting the pull. */
    @Benchmark
    public ManifestRecord serveManifestByTag() {
        return manifests.get(repository, latest);
    }

    /** As {@link #serveManifestByTag}, through the manifest cache: the repeated pull of one tag. */
    @Benchmark
    public ManifestRecord serveManifestByTagCached() {
        return cachedManifests.get(repository, latest);
    }

    @Benchmark
    public ManifestRecord serveManifestByDigest() {
        return manifests.get(repository, manifestDigest);
    }

    @Benchmark
    public ManifestRecord serveManifestByDigestCached() {
        return cachedManifests.get(repository, manifestDigest);
    }

    /** A blob GET or HEAD: may this repository serve the blob, and its size. */
    @Benchmark
    public Optional<BlobRecord> findLinkedBlob() {
        return store.blobs().findLinked(repository, layer);
    }

    @Benchmark
    public List<Tag> tagsPageOf100() {
        return store.manifests().tags(tagged, tagsAfter, 100);
    }

    /** A tag list without {@code n}: every tag of the repository, one more asked for as the HTTP layer does. */
    @Benchmark
    public List<Tag> tagsFullList() {
        return store.manifests().tags(tagged, null, 10_001);
    }

    @Benchmark
    public List<RepositoryName> catalogPageOf100() {
        return store.repositories().list(catalogAfter, 100);
    }
}
