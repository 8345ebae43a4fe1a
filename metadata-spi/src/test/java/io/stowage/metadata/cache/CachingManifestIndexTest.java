package io.stowage.metadata.cache;

import io.stowage.metadata.ManifestIndex;
import io.stowage.metadata.ManifestRecord;
import io.stowage.metadata.TagRecord;
import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.TagList;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingManifestIndexTest {

    private static final RepositoryName REPO = new RepositoryName("team/app");
    private static final RepositoryName OTHER = new RepositoryName("team/other");
    private static final Tag LATEST = Tag.parse("latest");
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final MapManifestIndex store = new MapManifestIndex();
    private final CachingManifestIndex index = new CachingManifestIndex(store, new ManifestCache(1 << 20));

    @Test
    void aRepeatedPullIsAnsweredFromMemory() {
        ManifestRecord m = manifest(REPO, "a");
        index.put(m, List.of(), List.of(), List.of(LATEST));
        store.reads.set(0);

        for (int i = 0; i < 3; i++) {
            assertThat(index.resolve(REPO, LATEST)).contains(m.digest());
            assertThat(index.find(REPO, m.digest())).contains(m);
        }
        assertThat(store.reads.get()).isEqualTo(2);
    }

    @Test
    void aPushThatMovesTheTagIsSeenAtOnce() {
        ManifestRecord a = manifest(REPO, "a");
        ManifestRecord b = manifest(REPO, "b");
        index.put(a, List.of(), List.of(), List.of(LATEST));
        assertThat(index.resolve(REPO, LATEST)).contains(a.digest());

        index.put(b, List.of(), List.of(), List.of(LATEST), tag -> false);

        assertThat(index.resolve(REPO, LATEST)).contains(b.digest());
    }

    @Test
    void aDeletedManifestAndItsTagsAreGoneAtOnce() {
        ManifestRecord a = manifest(REPO, "a");
        index.put(a, List.of(), List.of(), List.of(LATEST));
        warm(a);

        assertThat(index.delete(REPO, a.digest())).isTrue();

        assertThat(index.find(REPO, a.digest())).isEmpty();
        assertThat(index.resolve(REPO, LATEST)).isEmpty();
    }

    @Test
    void aDeleteWithImmutabilityRulesIsSeenAtOnce() {
        ManifestRecord a = manifest(REPO, "a");
        index.put(a, List.of(), List.of(), List.of(LATEST));
        warm(a);

        assertThat(index.delete(REPO, a.digest(), tag -> false)).isTrue();

        assertThat(index.find(REPO, a.digest())).isEmpty();
        assertThat(index.resolve(REPO, LATEST)).isEmpty();
    }

    @Test
    void aDeletedTagIsGoneAtOnceAndItsManifestStays() {
        ManifestRecord a = manifest(REPO, "a");
        index.put(a, List.of(), List.of(), List.of(LATEST));
        warm(a);

        assertThat(index.deleteTag(REPO, LATEST)).isTrue();

        assertThat(index.resolve(REPO, LATEST)).isEmpty();
        assertThat(index.find(REPO, a.digest())).contains(a);
    }

    @Test
    void aTagRetentionRemovedIsGoneAtOnce() {
        ManifestRecord a = manifest(REPO, "a");
        index.put(a, List.of(), List.of(), List.of(LATEST));
        warm(a);

        assertThat(index.deleteTagIfUnchanged(REPO, new TagRecord(LATEST, a.digest(), T0, null))).isTrue();

        assertThat(index.resolve(REPO, LATEST)).isEmpty();
    }

    @Test
    void anUntaggedManifestRetentionRemovedIsGoneAtOnce() {
        ManifestRecord a = manifest(REPO, "a");
        index.put(a, List.of(), List.of(), List.of());
        assertThat(index.find(REPO, a.digest())).contains(a);

        assertThat(index.deleteUntagged(REPO, a.digest(), T0, List.of())).isTrue();

        assertThat(index.find(REPO, a.digest())).isEmpty();
    }

    @Test
    void tagListPagesAreAnsweredFromMemoryUntilATagChanges() {
        ManifestRecord a = manifest(REPO, "a");
        index.put(a, List.of(), List.of(), List.of(LATEST, Tag.parse("v1")));
        store.reads.set(0);
        for (int i = 0; i < 3; i++) {
            assertThat(index.tags(REPO, null, 100)).extracting(Tag::value).containsExactly("latest", "v1");
            assertThat(index.tags(REPO, "latest", 1)).extracting(Tag::value).containsExactly("v1");
        }
        assertThat(store.reads.get()).as("one query per page").isEqualTo(2);

        index.put(manifest(REPO, "b"), List.of(), List.of(), List.of(Tag.parse("v2")));
        assertThat(index.tags(REPO, null, 100)).extracting(Tag::value).containsExactly("latest", "v1", "v2");
        index.deleteTag(REPO, LATEST);
        assertThat(index.tags(REPO, null, 100)).extracting(Tag::value).containsExactly("v1", "v2");
        index.delete(REPO, a.digest());
        assertThat(index.tags(REPO, null, 100)).extracting(Tag::value).containsExactly("v2");
        assertThat(index.tags(OTHER, null, 100)).isEmpty();
        index.put(manifest(OTHER, "c"), List.of(), List.of(), List.of(LATEST));
        assertThat(index.tags(OTHER, null, 100)).extracting(Tag::value).containsExactly("latest");
    }

    @Test
    void aWriteThatFailsStillForgetsWhatItMayHaveCommitted() {
        ManifestRecord a = manifest(REPO, "a");
        ManifestRecord b = manifest(REPO, "b");
        index.put(a, List.of(), List.of(), List.of(LATEST));
        warm(a);
        store.failAfterCommit = true;

        assertThatThrownBy(() -> index.put(b, List.of(), List.of(), List.of(LATEST)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(index.resolve(REPO, LATEST)).contains(b.digest());
    }

    @Test
    void aCorruptManifestIsNeverKept() {
        ManifestRecord a = manifest(REPO, "a");
        ManifestRecord garbled = new ManifestRecord(REPO, a.digest(), a.mediaType(),
                "{\"garbled\":true}".getBytes(StandardCharsets.UTF_8), null, null, null, T0);
        store.manifests.put(key(REPO, a.digest()), garbled);
        store.reads.set(0);

        index.find(REPO, a.digest());
        index.find(REPO, a.digest());

        assertThat(store.reads.get()).as("read from the store every time").isEqualTo(2);
    }

    @Test
    void anAbsentManifestIsAskedForAgainEveryTime() {
        Digest missing = manifest(REPO, "a").digest();
        assertThat(index.find(REPO, missing)).isEmpty();
        assertThat(index.resolve(REPO, LATEST)).isEmpty();
        ManifestRecord a = manifest(REPO, "a");
        store.manifests.put(key(REPO, a.digest()), a); // as the store would hold it after a write

        assertThat(index.find(REPO, missing)).contains(a);
    }

    @Test
    void aWriteToOneRepositoryLeavesAnotherOnesManifestsWhereTheyAre() {
        ManifestRecord a = manifest(REPO, "a");
        ManifestRecord o = manifest(OTHER, "o");
        index.put(a, List.of(), List.of(), List.of(LATEST));
        index.put(o, List.of(), List.of(), List.of(LATEST));
        warm(a);

        index.deleteTag(OTHER, LATEST);

        assertThat(index.resolve(REPO, LATEST)).contains(a.digest());
        assertThat(index.resolve(OTHER, LATEST)).isEmpty();
    }

    @Test
    void theCacheStaysWithinItsBoundAndAManifestOverASixteenthOfItIsNotKept() {
        ManifestCache small = new ManifestCache(64 * 1024);
        CachingManifestIndex bounded = new CachingManifestIndex(store, small);
        for (int i = 0; i < 500; i++) {
            ManifestRecord m = manifest(REPO, "m" + i + "x".repeat(1000));
            store.manifests.put(key(REPO, m.digest()), m);
            assertThat(bounded.find(REPO, m.digest())).contains(m);
            assertThat(small.weight()).isLessThanOrEqualTo(64 * 1024);
        }
        ManifestRecord big = manifest(REPO, "big" + "x".repeat(8 * 1024));
        store.manifests.put(key(REPO, big.digest()), big);
        store.reads.set(0);
        bounded.find(REPO, big.digest());
        bounded.find(REPO, big.digest());
        assertThat(store.reads.get()).isEqualTo(2);
    }

    /**
     * Writers push, re-tag and delete while readers pull through the cache. Each writer owns one repository and
     * publishes, after each write returned, the state it left; a read must return a state that was current at some
     * moment while it ran: at least the one published when it started (never older: no stale tag, no deleted
     * manifest served), at most the one of the write under way when it ended.
     */
    @Test
    void interleavedWritesAndReadsNeverServeAStaleTagOrADeletedManifest() throws Exception {
        int repositories = 3;
        int writesPerWriter = 3_000;
        store.slowReads = true;
        List<History> histories = new ArrayList<>();
        for (int r = 0; r < repositories; r++) {
            histories.add(new History());
        }
        Map<RepositoryName, List<ManifestRecord>> manifestsOf = new HashMap<>();
        for (int r = 0; r < repositories; r++) {
            RepositoryName repo = new RepositoryName("race/r" + r);
            List<ManifestRecord> mine = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                mine.add(manifest(repo, "r" + r + "m" + m));
            }
            manifestsOf.put(repo, mine);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch writersDone = new CountDownLatch(repositories);
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < repositories; r++) {
            RepositoryName repo = new RepositoryName("race/r" + r);
            History history = histories.get(r);
            List<ManifestRecord> mine = manifestsOf.get(repo);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    State state = State.EMPTY;
                    for (int i = 0; i < writesPerWriter; i++) {
                        ManifestRecord m = mine.get(random.nextInt(mine.size()));
                        int op = random.nextInt(4);
                        State next = switch (op) {
                            case 0, 1 -> state.put(m.digest(), true);
                            case 2 -> state.untag();
                            default -> state.delete(m.digest());
                        };
                        history.beginWrite(next);
                        switch (op) {
                            case 0, 1 -> index.put(m, List.of(), List.of(), List.of(LATEST));
                            case 2 -> index.deleteTag(repo, LATEST);
                            default -> index.delete(repo, m.digest());
                        }
                        state = next;
                        history.finishWrite();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    writersDone.countDown();
                }
            }));
        }
        AtomicInteger reads = new AtomicInteger();
        for (int reader = 0; reader < 4; reader++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (writersDone.getCount() > 0 && failure.get() == null) {
                        int r = random.nextInt(repositories);
                        RepositoryName repo = new RepositoryName("race/r" + r);
                        History history = histories.get(r);
                        int from = history.published();
                        if (random.nextBoolean()) {
                            Optional<Digest> tagged = index.resolve(repo, LATEST);
                            int to = history.published() + 1;
                            history.check(from, to, s -> s.tag().equals(tagged),
                                    () -> "tag of " + repo + " read as " + tagged);
                        } else {
                            ManifestRecord m = manifestsOf.get(repo).get(random.nextInt(3));
                            boolean present = index.find(repo, m.digest()).isPresent();
                            int to = history.published() + 1;
                            history.check(from, to, s -> s.manifests().contains(m.digest()) == present,
                                    () -> m.digest() + " in " + repo + " read as present=" + present);
                        }
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(reads.get()).isPositive();
    }

    private void warm(ManifestRecord m) {
        assertThat(index.resolve(m.repository(), LATEST)).contains(m.digest());
        assertThat(index.find(m.repository(), m.digest())).contains(m);
    }

    private static ManifestRecord manifest(RepositoryName repository, String seed) {
        byte[] content = ("{\"schemaVersion\":2,\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
        return new ManifestRecord(repository, Digest.of(DigestAlgorithm.SHA256, content),
                "application/vnd.oci.image.manifest.v1+json", content, null, null, null, T0);
    }

    private static String key(RepositoryName repository, Object reference) {
        return repository.value() + "@" + reference;
    }

    /** One repository's tag {@code latest} and its manifests, as a writer left them. */
    private record State(Optional<Digest> tag, Set<Digest> manifests) {
        static final State EMPTY = new State(Optional.empty(), Set.of());

        State put(Digest digest, boolean tagIt) {
            Set<Digest> all = new java.util.HashSet<>(manifests);
            all.add(digest);
            return new State(tagIt ? Optional.of(digest) : tag, Set.copyOf(all));
        }

        State untag() {
            return new State(Optional.empty(), manifests);
        }

        State delete(Digest digest) {
            if (!manifests.contains(digest)) {
                return this;
            }
            Set<Digest> all = new java.util.HashSet<>(manifests);
            all.remove(digest);
            return new State(tag.equals(Optional.of(digest)) ? Optional.empty() : tag, Set.copyOf(all));
        }
    }

    /**
     * The states one writer left, by version; version 0 is the empty repository. The state a write will leave is
     * recorded before it starts, and its version published once it returned.
     */
    private static final class History {
        private final Map<Integer, State> states = new ConcurrentHashMap<>(Map.of(0, State.EMPTY));
        private final AtomicInteger version = new AtomicInteger();

        void beginWrite(State next) {
            states.put(version.get() + 1, next);
        }

        void finishWrite() {
            version.incrementAndGet();
        }

        int published() {
            return version.get();
        }

        /** Some state from version {@code from} to {@code to} (the write under way, if one is) holds. */
        void check(int from, int to, Predicate<State> holds, java.util.function.Supplier<String> what) {
            for (int v = from; v <= to; v++) {
                State s = states.get(v);
                if (s != null && holds.test(s)) {
                    return;
                }
            }
            throw new AssertionError(what.get() + ", matching no state from version " + from + " to " + to);
        }
    }

    /** A store in memory whose reads, when slowReads is on, take their answer and then let other threads run. */
    private static final class MapManifestIndex implements ManifestIndex {
        final Map<String, ManifestRecord> manifests = new ConcurrentHashMap<>();
        final Map<String, Digest> tags = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();
        volatile boolean failAfterCommit;
        volatile boolean slowReads;

        @Override
        public synchronized Set<Digest> put(ManifestRecord manifest, Collection<Digest> blobReferences,
                                            Collection<Digest> manifestReferences, Collection<Tag> tags,
                                            Predicate<Tag> immutable) {
            manifests.putIfAbsent(key(manifest.repository(), manifest.digest()), manifest);
            for (Tag tag : tags) {
                this.tags.put(key(manifest.repository(), tag), manifest.digest());
            }
            if (failAfterCommit) {
                throw new IllegalStateException("committed, then failed");
            }
            return Set.of();
        }

        @Override
        public Optional<ManifestRecord> find(RepositoryName repository, Digest digest) {
            reads.incrementAndGet();
            return pause(Optional.ofNullable(manifests.get(key(repository, digest))));
        }

        @Override
        public Optional<Digest> resolve(RepositoryName repository, Tag tag) {
            reads.incrementAndGet();
            return pause(Optional.ofNullable(tags.get(key(repository, tag))));
        }

        private <T> T pause(T answer) {
            if (slowReads && ThreadLocalRandom.current().nextInt(4) == 0) {
                Thread.yield();
            }
            return answer;
        }

        @Override
        public synchronized boolean delete(RepositoryName repository, Digest digest, Predicate<Tag> immutable) {
            tags.entrySet().removeIf(e -> e.getKey().startsWith(repository.value() + "@")
                    && e.getValue().equals(digest));
            return manifests.remove(key(repository, digest)) != null;
        }

        @Override
        public synchronized boolean deleteTag(RepositoryName repository, Tag tag) {
            return tags.remove(key(repository, tag)) != null;
        }

        @Override
        public synchronized boolean deleteTagIfUnchanged(RepositoryName repository, TagRecord expected) {
            return tags.remove(key(repository, expected.tag()), expected.manifest());
        }

        @Override
        public synchronized boolean deleteUntagged(RepositoryName repository, Digest digest, Instant inactiveBefore,
                                                   Collection<Digest> referrers) {
            if (tags.entrySet().stream().anyMatch(e -> e.getKey().startsWith(repository.value() + "@")
                    && e.getValue().equals(digest))) {
                return false;
            }
            return manifests.remove(key(repository, digest)) != null;
        }

        @Override
        public TagList tags(RepositoryName repository, String last, int limit) {
            reads.incrementAndGet();
            String prefix = repository.value() + "@";
            return TagList.of(tags.keySet().stream().filter(k -> k.startsWith(prefix))
                    .map(k -> k.substring(prefix.length())).filter(t -> last == null || t.compareTo(last) > 0)
                    .sorted().limit(limit).map(Tag::parse).toList());
        }

        @Override
        public List<Descriptor> referrers(RepositoryName repository, Digest subject, String artifactType,
                                          Digest after, int limit) {
            throw new UnsupportedOperationException();
        }
    }
}
