package io.stowage.interop;

import io.stowage.interop.ManifestJson.Descriptor;
import io.stowage.interop.OciHttp.UnexpectedStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash harness: the registry is killed with SIGKILL at random moments while clients push and delete images and its
 * online garbage collection runs, round after round on the same data directory. After every restart the registry
 * must honour what clients were told: an image whose manifest PUT was answered 201 is complete (its tag resolves to
 * it and every blob it references is served whole, with the right digest), an image whose DELETE was answered 202
 * is gone, and whatever was cut by the kill is either absent or complete, never half there.
 *
 * <p>{@code -Dstowage.crash.rounds} sets the number of kills (default 6, for CI; 60 makes a soak run) and
 * {@code -Dstowage.crash.seed} the seed (printed). The seed fixes each round's length, the images' sizes and the
 * upload modes; which requests a kill cuts depends on timing and cannot be replayed exactly.
 */
// A safety net only (every wait below has its own); generous so that long runs with many rounds fit.
@Timeout(value = 60, unit = TimeUnit.MINUTES)
class CrashIT {

    private static final int ROUNDS = Integer.getInteger("stowage.crash.rounds", 6);
    private static final int PUSHERS = 3;
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;
    /** Two repositories, so that shared layers are stored once for both and collected per repository. */
    private static final List<String> REPOSITORIES = List.of("crash/alpha", "crash/beta");
    private static final Map<String, String> SETTINGS = Map.of(
            // Collections run all the time and take what was deleted a second ago, so kills land in them too.
            "STOWAGE_GC_INTERVAL", "200ms",
            "STOWAGE_GC_GRACE_PERIOD", "1s",
            // Sessions cut by a kill are abandoned; purging them puts the purge job among what a kill interrupts.
            // Sessions in use never stand still for 30 s, so no live upload is purged.
            "STOWAGE_UPLOADS_PURGE_INTERVAL", "1s",
            "STOWAGE_UPLOADS_PURGE_AFTER", "30s");
    /** A collection's summary in the log (logged when it changed something): blobs deleted, resumed deletions. */
    private static final Pattern GC_RUN = Pattern.compile("job gc: pruned \\d+ unreferenced links, deleted (\\d+) blobs"
            + " \\(\\d+ bytes\\)(?:, finished (\\d+) left by an interrupted run)?");
    private static final Pattern OCI_ERROR_CODE = Pattern.compile("\"code\":\"([A-Z_]+)\"");

    @TempDir
    Path tmp;

    private RegistryProcess registry;
    private final Ledger ledger = new Ledger();
    private final Totals totals = new Totals();
    private List<byte[]> sharedLayers;

    /** One pushed image: its tag, its manifest's exact bytes and digest, and the blobs (config first) it references. */
    private record Image(String repository, String tag, byte[] manifest, String digest, List<Descriptor> blobs) {

        @Override
        public String toString() {
            return repository + ":" + tag + "@" + digest;
        }
    }

    /** The workers' view of one round: set {@link #killed} before the kill, so they know why their requests fail. */
    private record Round(int number, AtomicBoolean killed, AtomicInteger cut) {
    }

    @Test
    void acknowledgedPushesAndDeletesSurviveKillsDuringPushesDeletesAndCollections() throws Exception {
        long seed = Long.getLong("stowage.crash.seed", new SecureRandom().nextLong());
        System.out.printf("CrashIT: seed %d, %d rounds (repeat with -Dstowage.crash.seed=%d)%n", seed, ROUNDS, seed);
        Random random = new Random(seed);
        sharedLayers = sharedLayers(random);
        registry = RegistryProcess.start(tmp.resolve("data"), SETTINGS);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                long runMillis = 300 + random.nextInt(2201);
                runAndKill(new Round(round, new AtomicBoolean(), new AtomicInteger()), runMillis, random.nextLong());
                // The killed process's log; restart() starts a new one.
                assertThat(dataProblems()).as("round %d (seed %d): registry log up to the kill", round, seed)
                        .isEmpty();
                countLaunch(round);
                registry.restart();
                List<String> problems = new ArrayList<>(verify());
                problems.addAll(dataProblems()); // the registry's own view of what verification ran into
                assertThat(problems).as("round %d (seed %d): broken promises after the restart", round, seed)
                        .isEmpty();
                totals.roundsVerified++;
            }
            GracefulStop.stopAndCheck(registry);
            assertThat(dataProblems()).as("registry log up to the final stop (seed %d)", seed).isEmpty();
            countLaunch(ROUNDS);
        } finally {
            registry.kill(); // a no-op after the graceful stop; otherwise no process outlives a failed test
            System.out.println("CrashIT summary: seed=" + seed + " " + totals.summary(ledger));
        }
    }

    // ---- one round -------------------------------------------------------------------------------------------

    /** Pushers and a deleter work for {@code runMillis}, then the registry is killed under them. */
    private void runAndKill(Round round, long runMillis, long seed) throws Exception {
        Random random = new Random(seed);
        int acknowledgedBefore = ledger.acknowledgedCount();
        int deletedBefore = ledger.deletedCount();
        // Platform threads: workers block in HttpClient.send and must all be in flight when the kill comes. Daemons,
        // so that a worker hanging despite its timeouts fails the test below instead of keeping the JVM alive.
        ExecutorService workers = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("crash-worker-", 0).daemon().factory());
        List<Future<?>> running = new ArrayList<>();
        for (int worker = 0; worker < PUSHERS; worker++) {
            int id = worker;
            long workerSeed = random.nextLong();
            running.add(workers.submit(() -> push(round, id, workerSeed)));
        }
        long deleterSeed = random.nextLong();
        running.add(workers.submit(() -> delete(round, deleterSeed)));

        Thread.sleep(runMillis);
        round.killed().set(true);
        registry.kill();
        totals.kills++;

        workers.shutdown();
        assertThat(workers.awaitTermination(2, TimeUnit.MINUTES)).as("workers stop after the kill").isTrue();
        for (Future<?> worker : running) {
            try {
                worker.get();
            } catch (ExecutionException e) {
                throw new AssertionError("round " + round.number() + ": a worker failed", e.getCause());
            }
        }
        totals.cut += round.cut().get();
        System.out.printf("CrashIT round %d: killed after %d ms; %d images acknowledged, %d deleted, %d requests cut%n",
                round.number(), runMillis, ledger.acknowledgedCount() - acknowledgedBefore,
                ledger.deletedCount() - deletedBefore, round.cut().get());
    }

    /**
     * Pushes images until the kill: blobs first (the unique layer, the largest, first of all, so that the others are
     * fresh when the manifest comes), then the manifest by tag. Only its 201 makes the image acknowledged.
     */
    private Void push(Round round, int worker, long seed) throws Exception {
        Random random = new Random(seed);
        try (OciHttp oci = OciHttp.to(registry, Duration.ofMinutes(1))) {
            for (int n = 0; !round.killed().get(); n++) {
                String repository = REPOSITORIES.get(random.nextInt(REPOSITORIES.size()));
                String tag = "r" + round.number() + "-w" + worker + "-" + n;
                try {
                    byte[] unique = SeededBytes.bytes(random.nextLong(), logUniform(random, 4 * KIB, 2 * MIB));
                    List<byte[]> layers = new ArrayList<>(List.of(unique));
                    for (int i = random.nextInt(3); i >= 0; i--) {
                        layers.add(sharedLayers.get(random.nextInt(sharedLayers.size())));
                    }
                    List<Descriptor> layerDescriptors = new ArrayList<>();
                    for (byte[] layer : layers) {
                        pushBlob(oci, random, repository, layer);
                        layerDescriptors.add(Descriptor.of(ManifestJson.LAYER, layer));
                    }
                    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"tag\":\""
                            + tag + "\"}}}").getBytes(StandardCharsets.UTF_8);
                    pushBlob(oci, random, repository, config);
                    Descriptor configDescriptor = Descriptor.of(ManifestJson.CONFIG, config);
                    byte[] manifest = ManifestJson.image(configDescriptor, layerDescriptors, tag);
                    List<Descriptor> blobs = new ArrayList<>(List.of(configDescriptor));
                    blobs.addAll(layerDescriptors);
                    Image image = new Image(repository, tag, manifest, Sha256.digestOf(manifest), List.copyOf(blobs));
                    ledger.sending(image);
                    oci.pushManifest(repository, tag, OciHttp.OCI_MANIFEST, manifest);
                    ledger.acknowledged(image);
                } catch (IOException e) {
                    if (round.killed().get()) {
                        round.cut().incrementAndGet();
                        return null;
                    }
                    throw new AssertionError("a push failed while the registry was up", e);
                } catch (UnexpectedStatus e) {
                    ledger.rejected(tolerated(e));
                }
            }
        }
        return null;
    }

    /** Monolithic (one POST) or chunked (POST, PATCHes, PUT) at random, as different clients do. */
    private static void pushBlob(OciHttp oci, Random random, String repository, byte[] blob) throws Exception {
        if (random.nextBoolean()) {
            oci.pushBlob(repository, blob);
        } else {
            oci.pushBlobChunked(repository, blob, logUniform(random, 64 * KIB, MIB));
        }
    }

    /**
     * A refusal that a one-second grace period makes legitimate, named by its OCI error code; anything else fails
     * the test. With garbage collection taking what is older than a second, a blob pushed early in a slow push can be
     * collected before the manifest arrives (400 MANIFEST_BLOB_UNKNOWN, or BLOB_UPLOAD_INVALID while it is being
     * published), and a push of a blob being deleted waits and may be told to retry (429).
     */
    private static String tolerated(UnexpectedStatus refusal) {
        Matcher code = OCI_ERROR_CODE.matcher(String.valueOf(refusal.getMessage()));
        String name = refusal.status() + " " + (code.find() ? code.group(1) : "?");
        if (!Set.of("400 MANIFEST_BLOB_UNKNOWN", "400 BLOB_UPLOAD_INVALID", "429 TOOMANYREQUESTS").contains(name)) {
            throw refusal;
        }
        return name;
    }

    /**
     * Deletes about one acknowledged image in three, by digest, until the kill. The image moves to maybe-deleted
     * before the DELETE goes out (the kill may take the answer) and to deleted only on 202.
     */
    private Void delete(Round round, long seed) throws Exception {
        Random random = new Random(seed);
        try (OciHttp oci = OciHttp.to(registry, Duration.ofMinutes(1))) {
            while (!round.killed().get()) {
                Optional<Image> next = ledger.takeForDeletion(random);
                if (next.isEmpty()) {
                    Thread.sleep(20); // pacing while the pushers catch up
                    continue;
                }
                Image image = next.get();
                try {
                    oci.deleteManifest(image.repository(), image.digest());
                    ledger.deleted(image);
                } catch (IOException e) {
                    if (round.killed().get()) {
                        round.cut().incrementAndGet();
                        return null;
                    }
                    throw new AssertionError("a delete failed while the registry was up", e);
                }
            }
        }
        return null;
    }

    // ---- after the restart -----------------------------------------------------------------------------------

    /**
     * Checks every promise against the restarted registry, while its garbage collection runs, and returns the broken
     * ones (all of them, not just the first, for the report).
     */
    private List<String> verify() throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> pulled = new HashSet<>(); // a blob shared by many images is pulled once per repository
        try (OciHttp oci = OciHttp.to(registry, Duration.ofMinutes(1))) {
            for (Image image : ledger.live()) {
                check(problems, image, "acknowledged", () -> requireComplete(oci, image, image.tag(), pulled));
            }
            for (Image image : ledger.deleted()) {
                check(problems, image, "deleted (202)", () -> {
                    requireAbsent(oci, image, image.digest());
                    requireAbsent(oci, image, image.tag());
                });
            }
            // The kill took these answers: either outcome may have happened, but not half of one.
            for (Image image : ledger.maybeDeleted()) {
                check(problems, image, "delete cut by the kill", () -> {
                    if (absentOrComplete(oci, image, pulled)) {
                        totals.maybeDeletedFoundPresent.add(image);
                    }
                });
            }
            for (Image image : ledger.takeUnacknowledged()) {
                check(problems, image, "manifest push cut by the kill", () -> {
                    if (absentOrComplete(oci, image, pulled)) {
                        totals.unacknowledgedFoundPresent++;
                    }
                    totals.unacknowledgedChecked++;
                });
            }
        }
        totals.blobsPulled += pulled.size();
        return problems;
    }

    private interface Check {
        void run() throws Exception;
    }

    private static void check(List<String> problems, Image image, String state, Check check) {
        try {
            check.run();
        } catch (Exception | AssertionError e) {
            problems.add(state + " " + image + ": " + e);
        }
    }

    /** The manifest by {@code reference} is the one pushed, and every blob it references is served whole. */
    private static void requireComplete(OciHttp oci, Image image, String reference, Set<String> pulled)
            throws Exception {
        OciHttp.Manifest manifest = oci.getManifest(image.repository(), reference);
        assertThat(manifest.digest()).as("digest of %s", reference).isEqualTo(image.digest());
        assertThat(manifest.content()).as("bytes of %s", reference).isEqualTo(image.manifest());
        for (Descriptor blob : image.blobs()) {
            if (pulled.add(image.repository() + "@" + blob.digest())) {
                try {
                    assertThat(oci.pullBlob(image.repository(), blob.digest())).as("blob %s", blob.digest())
                            .isEqualTo(new Sha256(blob.size(), blob.digest()));
                } catch (Exception | AssertionError e) {
                    pulled.remove(image.repository() + "@" + blob.digest()); // so every image naming it reports it
                    throw e;
                }
            }
        }
    }

    /** The manifest is unknown by {@code reference}: 404, nothing else. */
    private static void requireAbsent(OciHttp oci, Image image, String reference) throws Exception {
        try {
            oci.getManifest(image.repository(), reference);
            throw new AssertionError(reference + " is still served");
        } catch (UnexpectedStatus e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /** Absent by digest (false), or present and complete, by digest and by its tag (true). */
    private static boolean absentOrComplete(OciHttp oci, Image image, Set<String> pulled) throws Exception {
        try {
            oci.getManifest(image.repository(), image.digest());
        } catch (UnexpectedStatus e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
        requireComplete(oci, image, image.digest(), pulled);
        requireComplete(oci, image, image.tag(), pulled);
        return true;
    }

    /**
     * Log lines of the current launch that mean lost or damaged data ({@code ERROR ... indexed but missing from
     * storage}) or a request that failed inside the registry (an ERROR with its 500, and the access-log line saying
     * 500). Every ERROR counts: the kill leaves no noise of its own (the process dies without a word, and only the
     * clients see the connections break), and no client here ever abandons a request.
     */
    private List<String> dataProblems() throws IOException {
        return RegistryLog.of(registry.output()).lines().stream()
                .filter(line -> line.contains(" ERROR ") || line.contains(" io.stowage.access - ")
                        && line.matches(".* status=5\\d\\d .*"))
                .map(line -> "registry log: " + line)
                .toList();
    }

    /**
     * At the end of a launch (kill or stop): what its garbage collections did, to show that kills met collections
     * with work to do, and its warnings, shown as they are (a warning is no failure, but worth a look).
     */
    private void countLaunch(int round) throws IOException {
        RegistryLog log = RegistryLog.of(registry.output());
        for (String line : log.containing(" job gc: pruned ")) {
            Matcher run = GC_RUN.matcher(line);
            if (run.find()) {
                totals.gcRuns++;
                totals.gcBlobsDeleted += Long.parseLong(run.group(1));
                totals.gcResumed += run.group(2) == null ? 0 : Long.parseLong(run.group(2));
            }
        }
        List<String> warnings = log.containing(" WARN ");
        totals.warnings += warnings.size();
        warnings.stream().limit(5).forEach(line -> System.out.println("CrashIT round " + round + " WARN: " + line));
    }

    // ---- bookkeeping -----------------------------------------------------------------------------------------

    /**
     * What clients were told, across all rounds. An image is acknowledged only once its manifest PUT answered 201
     * ({@link #sending} before the PUT, {@link #acknowledged} after). Before its DELETE is sent it leaves the live
     * images for maybe-deleted, and moves on to deleted only when the DELETE answered 202.
     */
    private static final class Ledger {

        private final List<Image> live = new ArrayList<>();
        private final Set<Image> maybeDeleted = new LinkedHashSet<>();
        private final Set<Image> deleted = new LinkedHashSet<>();
        /** Manifest PUTs sent without a 201 (yet): cut by the kill, or refused. */
        private final Set<Image> unacknowledged = new LinkedHashSet<>();
        private final Map<String, Integer> rejections = new TreeMap<>();
        private int acknowledged;

        synchronized void sending(Image image) {
            unacknowledged.add(image);
        }

        synchronized void acknowledged(Image image) {
            unacknowledged.remove(image);
            live.add(image);
            acknowledged++;
        }

        synchronized void rejected(String why) {
            rejections.merge(why, 1, Integer::sum);
        }

        /** A random live image to delete, moved to maybe-deleted; empty while a third are already deleted. */
        synchronized Optional<Image> takeForDeletion(Random random) {
            if (live.isEmpty() || 3 * (maybeDeleted.size() + deleted.size()) >= acknowledged) {
                return Optional.empty();
            }
            int pick = random.nextInt(live.size());
            Image image = live.get(pick);
            live.set(pick, live.getLast());
            live.removeLast();
            maybeDeleted.add(image);
            return Optional.of(image);
        }

        synchronized void deleted(Image image) {
            maybeDeleted.remove(image);
            deleted.add(image);
        }

        synchronized List<Image> live() {
            return List.copyOf(live);
        }

        synchronized List<Image> maybeDeleted() {
            return List.copyOf(maybeDeleted);
        }

        synchronized List<Image> deleted() {
            return List.copyOf(deleted);
        }

        /** The PUTs of the round that just ended without a 201: checked once, then forgotten. */
        synchronized List<Image> takeUnacknowledged() {
            List<Image> taken = List.copyOf(unacknowledged);
            unacknowledged.clear();
            return taken;
        }

        synchronized int acknowledgedCount() {
            return acknowledged;
        }

        synchronized int deletedCount() {
            return deleted.size();
        }

        synchronized String describe() {
            return "acknowledged=" + acknowledged + " live=" + live.size() + " deleted=" + deleted.size()
                    + " maybeDeleted=" + maybeDeleted.size() + " rejected=" + rejections;
        }
    }

    /** Counts for the summary line; only the test thread touches them. */
    private static final class Totals {

        int roundsVerified;
        int kills;
        int cut;
        int unacknowledgedChecked;
        int unacknowledgedFoundPresent;
        /** Deletes cut by the kill that turned out not done (the image stays maybe-deleted, checked every round). */
        final Set<Image> maybeDeletedFoundPresent = new HashSet<>();
        long blobsPulled;
        int warnings;
        int gcRuns;
        long gcBlobsDeleted;
        long gcResumed;

        String summary(Ledger ledger) {
            return "rounds=" + roundsVerified + "/" + ROUNDS + " kills=" + kills + " " + ledger.describe()
                    + " cutRequests=" + cut
                    + " unacknowledgedManifestPuts=" + unacknowledgedChecked
                    + " (present after the restart: " + unacknowledgedFoundPresent + ")"
                    + " cutDeletesNotDone=" + maybeDeletedFoundPresent.size()
                    + " blobPulls=" + blobsPulled
                    + " gcRunsWithWork=" + gcRuns + " gcBlobsDeleted=" + gcBlobsDeleted
                    + " gcDeletionsResumedAfterKill=" + gcResumed
                    + " logWarnings=" + warnings;
        }
    }

    // ---- content ---------------------------------------------------------------------------------------------

    /** Layers many images share, of assorted sizes, the empty layer among them. */
    private static List<byte[]> sharedLayers(Random random) {
        List<byte[]> layers = new ArrayList<>(List.of(new byte[0]));
        for (int i = 0; i < 5; i++) {
            layers.add(SeededBytes.bytes(random.nextLong(), logUniform(random, KIB, 512 * KIB)));
        }
        return layers;
    }

    /** A size between {@code min} and {@code max}, small ones as likely as large ones. */
    private static int logUniform(Random random, int min, int max) {
        return (int) Math.round(min * Math.pow((double) max / min, random.nextDouble()));
    }
}
