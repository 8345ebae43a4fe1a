package io.stowage.interop;

import io.stowage.interop.ManifestJson.Descriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once against one registry process: identical blobs pushed concurrently are stored once and every
 * push succeeds; concurrent pushes to one tag all succeed and leave the tag on one of them; a blob being uploaded is
 * invisible to readers until it is complete, and then complete.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ConcurrencyIT {

    private static final int CLIENTS = 16;
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    private RegistryProcess registry;
    private ExecutorService pool;

    @BeforeEach
    void start() throws Exception {
        registry = RegistryProcess.start(tmp.resolve("data"));
        // Platform threads, one per client: the clients block in HttpClient.send and must all be in flight at once.
        pool = Executors.newFixedThreadPool(CLIENTS);
    }

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        if (registry != null) {
            GracefulStop.stopAndCheck(registry);
        }
    }

    @Test
    void sameBlobPushedBySixteenClientsAtOnceIsStoredOnce() throws Exception {
        byte[] blob = SeededBytes.bytes(16, 8 * MIB + 1);
        String digest = Sha256.digestOf(blob);

        List<String> repositories = pushFromEveryClientAtOnce(blob, "concurrent/large", MIB);

        Path storage = registry.data().resolve("blobs");
        String hex = Sha256.hex(digest);
        Path expected = storage.resolve("blobs/sha256/" + hex.substring(0, 2) + "/" + hex);
        try (Stream<Path> files = Files.walk(storage.resolve("blobs"))) {
            assertThat(files.filter(Files::isRegularFile).toList()).containsExactly(expected);
        }
        assertThat(Files.readAllBytes(expected)).isEqualTo(blob);
        assertEverywhereWithoutLeftovers(repositories, blob);
    }

    @Test
    void aSmallBlobPushedBySixteenClientsAtOnceInlineAndInChunksIsServedEverywhere() throws Exception {
        // Small enough to be kept inline in the metadata store when pushed in one request (the default limit is
        // 16 KiB); the chunked pushes of the same blob store it in the object store at the same moment.
        byte[] blob = SeededBytes.bytes(17, 4096);
        String hex = Sha256.hex(Sha256.digestOf(blob));

        List<String> repositories = pushFromEveryClientAtOnce(blob, "concurrent/small", 1024);

        try (Stream<Path> files = Files.walk(registry.data().resolve("blobs").resolve("blobs"))) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("at most the chunked pushes' one file")
                    .allSatisfy(file -> {
                        assertThat(file.getFileName().toString()).isEqualTo(hex);
                        assertThat(Files.readAllBytes(file)).isEqualTo(blob);
                    });
        }
        assertEverywhereWithoutLeftovers(repositories, blob);
    }

    /**
     * Pushes {@code blob} from every client at the same moment: half into one shared repository, half into a
     * repository each, in one request and in chunks of {@code chunkSize} alternately in both. Returns the
     * repositories, once every push has checked its 201 and Docker-Content-Digest.
     */
    private List<String> pushFromEveryClientAtOnce(byte[] blob, String prefix, int chunkSize) throws Exception {
        String digest = Sha256.digestOf(blob);
        CyclicBarrier together = new CyclicBarrier(CLIENTS);
        List<String> repositories = new ArrayList<>();
        List<Callable<String>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String repository = i % 2 == 0 ? prefix + "-shared" : prefix + "-own-" + i;
            boolean chunked = (i / 2) % 2 == 1;
            repositories.add(repository);
            clients.add(() -> {
                try (OciHttp oci = OciHttp.to(registry)) {
                    together.await(1, TimeUnit.MINUTES);
                    return chunked ? oci.pushBlobChunked(repository, blob, chunkSize) : oci.pushBlob(repository, blob);
                }
            });
        }
        for (Future<String> push : pool.invokeAll(clients)) {
            assertThat(push.get()).isEqualTo(digest);
        }
        return repositories;
    }

    /** Every repository serves {@code blob}, and no upload left bytes behind. */
    private void assertEverywhereWithoutLeftovers(List<String> repositories, byte[] blob) throws Exception {
        assertThat(regularFilesUnder(registry.data().resolve("blobs").resolve("uploads"))).as("upload leftovers")
                .isEmpty();
        try (OciHttp oci = OciHttp.to(registry)) {
            for (String repository : repositories) {
                assertThat(oci.getBlob(repository, Sha256.digestOf(blob))).as(repository).isEqualTo(blob);
            }
        }
    }

    @Test
    void sixteenManifestsPushedToOneTagAtOnceAllSucceedAndTheTagPointsAtOne() throws Exception {
        String repository = "concurrent/tagged";
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = SeededBytes.bytes(3, 64 * 1024);
        List<byte[]> manifests = new ArrayList<>();
        try (OciHttp oci = OciHttp.to(registry)) {
            oci.pushBlob(repository, config);
            oci.pushBlob(repository, layer);
        }
        for (int i = 0; i < CLIENTS; i++) {
            manifests.add(ManifestJson.image(Descriptor.of(ManifestJson.CONFIG, config),
                    List.of(Descriptor.of(ManifestJson.LAYER, layer)), "racer-" + i));
        }
        CyclicBarrier together = new CyclicBarrier(CLIENTS);
        List<Callable<String>> clients = new ArrayList<>();
        for (byte[] manifest : manifests) {
            clients.add(() -> {
                try (OciHttp oci = OciHttp.to(registry)) {
                    together.await(1, TimeUnit.MINUTES);
                    return oci.pushManifest(repository, "race", OciHttp.OCI_MANIFEST, manifest);
                }
            });
        }

        Map<String, byte[]> pushed = new HashMap<>();
        List<Future<String>> results = pool.invokeAll(clients);
        for (int i = 0; i < CLIENTS; i++) {
            pushed.put(results.get(i).get(), manifests.get(i));
        }

        assertThat(pushed).hasSize(CLIENTS);
        try (OciHttp oci = OciHttp.to(registry)) {
            OciHttp.Manifest tagged = oci.getManifest(repository, "race");
            assertThat(pushed).containsKey(tagged.digest());
            assertThat(tagged.content()).isEqualTo(pushed.get(tagged.digest()));
            for (Map.Entry<String, byte[]> manifest : pushed.entrySet()) {
                assertThat(oci.getManifest(repository, manifest.getKey()).content()).isEqualTo(manifest.getValue());
            }
            HttpResponse<byte[]> tags = OciHttp.expect(oci.get("/v2/" + repository + "/tags/list"), 200);
            Matcher race = Pattern.compile("\"race\"").matcher(new String(tags.body(), StandardCharsets.UTF_8));
            assertThat(race.results().count()).as("the tag listed once").isEqualTo(1);
        }
    }

    @Test
    void readersSeeNoBlobOrTheWholeBlobDuringAMonolithicUpload() throws Exception {
        readersSeeNothingOrEverything(false);
    }

    @Test
    void readersSeeNoBlobOrTheWholeBlobDuringAChunkedUpload() throws Exception {
        readersSeeNothingOrEverything(true);
    }

    /**
     * While one client uploads a 200 MiB blob, readers poll HEAD and GET of its digest. Every answer must be 404 or
     * the complete blob (right length, right digest). Each reader's first look happens before the upload starts
     * and its last one after the upload was acknowledged, so both outcomes are certainly exercised.
     */
    private void readersSeeNothingOrEverything(boolean chunked) throws Exception {
        String repository = "concurrent/big";
        long seed = chunked ? 201 : 200;
        long size = 200L * MIB;
        String digest = SeededBytes.digest(seed, size);
        int readers = 3;
        CountDownLatch firstLooks = new CountDownLatch(readers);
        AtomicBoolean uploaded = new AtomicBoolean();
        List<Future<Observations>> polls = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            polls.add(pool.submit(() -> poll(repository, digest, size, firstLooks, uploaded)));
        }
        assertThat(firstLooks.await(1, TimeUnit.MINUTES)).isTrue();

        try (OciHttp oci = OciHttp.to(registry, Duration.ofMinutes(5))) {
            if (chunked) {
                OciHttp.Upload upload = oci.startUpload(repository);
                for (long offset = 0; offset < size; offset += 16 * MIB) {
                    long start = offset;
                    long length = Math.min(16 * MIB, size - offset);
                    upload = oci.patch(upload, length, () -> new SeededBytes(seed, start, length));
                }
                oci.completeUpload(upload, digest);
            } else {
                oci.pushBlob(repository, digest, size, () -> new SeededBytes(seed, 0, size));
            }
        }
        uploaded.set(true);

        for (Future<Observations> poll : polls) {
            Observations seen = poll.get(5, TimeUnit.MINUTES);
            assertThat(seen.absent()).as("404s seen by a reader (its first look at least)").isPositive();
            assertThat(seen.complete()).as("complete blobs seen by a reader (its last look at least)").isPositive();
        }
    }

    private record Observations(int absent, int complete) {
    }

    /** Looks until one look after the upload was acknowledged; any answer but 404 or the whole blob fails. */
    private Observations poll(String repository, String digest, long size, CountDownLatch firstLooks,
                              AtomicBoolean uploaded) throws Exception {
        int absent = 0;
        int complete = 0;
        try (OciHttp oci = OciHttp.to(registry)) {
            boolean first = true;
            while (true) {
                boolean last = uploaded.get();
                HttpResponse<Void> head = oci.head("/v2/" + repository + "/blobs/" + digest);
                boolean headComplete = checkHead(head, digest, size);
                HttpResponse<InputStream> get = oci.getStreaming("/v2/" + repository + "/blobs/" + digest);
                boolean getComplete = checkGet(get, digest, size);
                absent += (headComplete ? 0 : 1) + (getComplete ? 0 : 1);
                complete += (headComplete ? 1 : 0) + (getComplete ? 1 : 0);
                if (first) {
                    assertThat(headComplete || getComplete).as("blob visible before its upload started").isFalse();
                    firstLooks.countDown();
                    first = false;
                }
                if (last) {
                    assertThat(headComplete && getComplete).as("blob missing after its upload was acknowledged")
                            .isTrue();
                    return new Observations(absent, complete);
                }
                Thread.sleep(5); // pacing only: keeps 404 spinning from starving the uploader of CPU
            }
        }
    }

    /** True for the complete blob, false for 404; anything else fails. */
    private static boolean checkHead(HttpResponse<Void> head, String digest, long size) {
        assertThat(head.statusCode()).as("HEAD status").isIn(200, 404);
        if (head.statusCode() == 404) {
            return false;
        }
        assertThat(head.headers().firstValueAsLong("Content-Length")).as("HEAD length").hasValue(size);
        assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
        return true;
    }

    private static boolean checkGet(HttpResponse<InputStream> get, String digest, long size) throws Exception {
        if (get.statusCode() == 404) {
            get.body().close();
            return false;
        }
        assertThat(get.statusCode()).as("GET status").isEqualTo(200);
        assertThat(get.headers().firstValueAsLong("Content-Length")).as("GET length").hasValue(size);
        assertThat(Sha256.of(get.body())).isEqualTo(new Sha256(size, digest));
        return true;
    }

    private static List<Path> regularFilesUnder(Path directory) throws Exception {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
