package io.stowage.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ObjectStore} must do, after CNCF distribution's storage driver suite. An implementation's test
 * extends this class and supplies a fresh, empty store per test; the optional {@link #destroyStore} hook cleans up
 * after it.
 *
 * <p>All keys a test writes live under a random namespace, so the suite also runs against a shared backend (one
 * bucket for every run) without runs seeing each other's leftovers.
 */
public abstract class ObjectStoreContract {

    private static final int MIB = 1024 * 1024;

    protected ObjectStore store;
    private String namespace;

    /** A new store; it may hold other data, but nothing under the keys this suite generates. */
    protected abstract ObjectStore createStore() throws Exception;

    /** Called after each test once the store is closed, e.g. to remove a bucket or a directory. */
    protected void destroyStore(ObjectStore closed) throws Exception {
    }

    @BeforeEach
    final void createStoreAndNamespace() throws Exception {
        store = createStore();
        namespace = "contract-" + HexFormat.of().formatHex(randomBytes(new Random(), 6)) + "/";
    }

    @AfterEach
    final void closeAndDestroyStore() throws Exception {
        try {
            store.close();
        } finally {
            destroyStore(store);
        }
    }

    /** A key under this test's namespace. */
    protected final String key(String relative) {
        return namespace + relative;
    }

    // ---------------------------------------------------------------- stat and append

    @Test
    void statOfMissingObjectIsEmpty() {
        assertThat(store.stat(key("missing"))).isEmpty();
    }

    @Test
    void appendCreatesTheObjectAndReturnsItsSize() throws IOException {
        assertThat(store.append(key("a"), stream("hello"))).isEqualTo(5);

        Optional<ObjectInfo> info = store.stat(key("a"));
        assertThat(info).isPresent();
        assertThat(info.get().key()).isEqualTo(key("a"));
        assertThat(info.get().size()).isEqualTo(5);
        assertThat(info.get().lastModified()).isNotNull();
        assertThat(readAll(key("a"), 0)).isEqualTo(utf8("hello"));
    }

    @Test
    void anUnchangedObjectKeepsItsInfo() throws IOException {
        store.append(key("a"), stream("hello"));

        assertThat(store.stat(key("a"))).isEqualTo(store.stat(key("a")));
    }

    @Test
    void anObjectAppendedToOrReplacedHasAnotherInfo() throws IOException {
        store.append(key("a"), stream("hello"));
        ObjectInfo first = store.stat(key("a")).orElseThrow();
        store.append(key("a"), stream("!"));
        assertThat(store.stat(key("a")).orElseThrow()).isNotEqualTo(first);

        ObjectInfo appended = store.stat(key("a")).orElseThrow();
        store.append(key("b"), stream("hello!"));
        store.delete(key("a"));
        store.move(key("b"), key("a"));
        ObjectInfo replaced = store.stat(key("a")).orElseThrow();
        if (appended.hasVersion()) {
            // Same key and size, maybe the same time: the version tells the objects apart.
            assertThat(replaced.version()).isNotEqualTo(appended.version());
        }
    }

    @Test
    void appendOfNothingCreatesAnEmptyObject() throws IOException {
        assertThat(store.append(key("empty"), InputStream.nullInputStream())).isZero();

        assertThat(store.stat(key("empty"))).hasValueSatisfying(info -> assertThat(info.size()).isZero());
        assertThat(readAll(key("empty"), 0)).isEmpty();
        assertThat(store.list(key(""), null, 10)).containsExactly(key("empty"));
    }

    @Test
    void appendsConcatenateAndReturnTheGrowingSize() throws IOException {
        assertThat(store.append(key("log"), stream("one,"))).isEqualTo(4);
        assertThat(store.append(key("log"), stream("two,"))).isEqualTo(8);
        assertThat(store.append(key("log"), InputStream.nullInputStream())).isEqualTo(8);
        assertThat(store.append(key("log"), stream("three"))).isEqualTo(13);

        assertThat(store.stat(key("log"))).hasValueSatisfying(info -> assertThat(info.size()).isEqualTo(13));
        assertThat(readAll(key("log"), 0)).isEqualTo(utf8("one,two,three"));
    }

    @Test
    void appendsLargerThanAnyBufferConcatenate() throws IOException {
        byte[] first = randomBytes(new Random(1), 3 * MIB + 17);
        byte[] second = randomBytes(new Random(2), MIB + 5);

        store.append(key("big"), new ByteArrayInputStream(first));
        long size = store.append(key("big"), new ByteArrayInputStream(second));

        assertThat(size).isEqualTo(first.length + second.length);
        assertThat(readAll(key("big"), 0)).isEqualTo(concat(first, second));
    }

    @Test
    void appendAfterDeleteStartsAFreshObject() throws IOException {
        store.append(key("again"), stream("old content"));
        store.delete(key("again"));

        assertThat(store.append(key("again"), stream("new"))).isEqualTo(3);
        assertThat(readAll(key("again"), 0)).isEqualTo(utf8("new"));
    }

    // ---------------------------------------------------------------- all-or-nothing append

    @Test
    void failedAppendKeepsTheObjectAsItWasAndRethrowsTheSourceFailure() throws IOException {
        store.append(key("upload"), stream("abc"));
        IOException boom = new IOException("client went away");

        assertThatThrownBy(() -> store.append(key("upload"), failingAfter(600 * 1024, boom))).isSameAs(boom);

        assertThat(store.stat(key("upload"))).hasValueSatisfying(info -> assertThat(info.size()).isEqualTo(3));
        assertThat(readAll(key("upload"), 0)).isEqualTo(utf8("abc"));
        assertThat(store.append(key("upload"), stream("def"))).isEqualTo(6);
        assertThat(readAll(key("upload"), 0)).isEqualTo(utf8("abcdef"));
    }

    @Test
    void failedAppendToAMissingObjectLeavesNoObject() {
        IOException boom = new IOException("client went away");

        assertThatThrownBy(() -> store.append(key("dir/upload"), failingAfter(600 * 1024, boom))).isSameAs(boom);

        assertThat(store.stat(key("dir/upload"))).isEmpty();
        assertThatThrownBy(() -> store.read(key("dir/upload"), 0)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.list(key(""), null, 10)).isEmpty();
    }

    @Test
    void appendFailingBeforeTheFirstByteLeavesNoObject() {
        IOException boom = new IOException("nothing ever came");

        assertThatThrownBy(() -> store.append(key("upload"), failingAfter(0, boom))).isSameAs(boom);

        assertThat(store.stat(key("upload"))).isEmpty();
    }

    @Test
    void uncheckedFailureOfTheSourceAlsoLeavesTheObjectAsItWas() throws IOException {
        store.append(key("upload"), stream("abc"));
        IllegalStateException boom = new IllegalStateException("broken stream");
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() {
                if (served++ == 1000) {
                    throw boom;
                }
                return 'x';
            }
        };

        assertThatThrownBy(() -> store.append(key("upload"), failing)).isSameAs(boom);

        assertThat(readAll(key("upload"), 0)).isEqualTo(utf8("abc"));
    }

    // ---------------------------------------------------------------- read

    @Test
    void readFromTheStartReturnsEverything() throws IOException {
        store.append(key("r"), stream("0123456789"));

        assertThat(readAll(key("r"), 0)).isEqualTo(utf8("0123456789"));
    }

    @Test
    void readFromTheMiddleReturnsTheRest() throws IOException {
        store.append(key("r"), stream("0123456789"));

        assertThat(readAll(key("r"), 4)).isEqualTo(utf8("456789"));
        assertThat(readAll(key("r"), 9)).isEqualTo(utf8("9"));
    }

    @Test
    void readAtTheEndOrBeyondIsEmpty() throws IOException {
        store.append(key("r"), stream("0123456789"));

        try (InputStream in = store.read(key("r"), 10)) {
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(readAll(key("r"), 11)).isEmpty();
        assertThat(readAll(key("r"), Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void readChannelServesTheSameBytesAsRead() throws IOException {
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        store.append(key("c"), new java.io.ByteArrayInputStream(content));

        for (long offset : new long[] {0, 1, 65_536, 299_999, 300_000}) {
            try (InputStream in = java.nio.channels.Channels.newInputStream(store.readChannel(key("c"), offset))) {
                assertThat(in.readAllBytes()).as("from " + offset)
                        .isEqualTo(java.util.Arrays.copyOfRange(content, (int) offset, content.length));
            }
        }
        assertThatThrownBy(() -> store.readChannel(key("missing"), 0)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void readWithANegativeOffsetIsRejected() throws IOException {
        store.append(key("r"), stream("0123456789"));

        assertThatThrownBy(() -> store.read(key("r"), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readOfAMissingObjectIsNotFound() {
        assertThatThrownBy(() -> store.read(key("missing"), 0)).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.read(key("missing"), 64)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void readersAreIndependent() throws IOException {
        store.append(key("r"), stream("0123456789"));

        try (InputStream first = store.read(key("r"), 0); InputStream second = store.read(key("r"), 5)) {
            assertThat(first.readNBytes(3)).isEqualTo(utf8("012"));
            assertThat(second.readNBytes(3)).isEqualTo(utf8("567"));
            assertThat(first.readAllBytes()).isEqualTo(utf8("3456789"));
            assertThat(second.readAllBytes()).isEqualTo(utf8("89"));
        }
    }

    @Test
    void theDirectoryOfOtherKeysIsNotAnObject() throws IOException {
        store.append(key("dir/child"), stream("x"));

        assertThat(store.stat(key("dir"))).isEmpty();
        assertThatThrownBy(() -> store.read(key("dir"), 0)).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.move(key("dir"), key("elsewhere")))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.delete(key("dir"))).isFalse();
        assertThat(readAll(key("dir/child"), 0)).isEqualTo(utf8("x"));
    }

    @Test
    void nothingExistsBelowAnObject() throws IOException {
        store.append(key("file"), stream("x"));

        assertThat(store.stat(key("file/child"))).isEmpty();
        assertThat(store.stat(key("file/child/grandchild"))).isEmpty();
        assertThatThrownBy(() -> store.read(key("file/child"), 0)).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.move(key("file/child/grandchild"), key("elsewhere")))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.delete(key("file/child/grandchild"))).isFalse();
        assertThat(store.list(key("file/"), null, 10)).isEmpty();
        assertThat(store.list(key("file/child/"), null, 10)).isEmpty();
        assertThat(store.list(key("file/child/gr"), null, 10)).isEmpty();
        assertThat(readAll(key("file"), 0)).isEqualTo(utf8("x"));
    }

    @Test
    void everyByteValueRoundTrips() throws IOException {
        byte[] all = new byte[3 * 256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i % 256);
        }

        store.append(key("binary"), new ByteArrayInputStream(all));

        assertThat(readAll(key("binary"), 0)).isEqualTo(all);
        try (InputStream in = store.read(key("binary"), 254)) {
            // single-byte reads must return unsigned values, not sign-extended ones
            assertThat(in.read()).isEqualTo(254);
            assertThat(in.read()).isEqualTo(255);
            assertThat(in.read()).isEqualTo(0);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void largeObjectsAreStreamedBothWays() throws Exception {
        long size = 64L * MIB + 3;
        GeneratedStream written = new GeneratedStream(size);

        assertThat(store.append(key("large"), written)).isEqualTo(size);

        assertThat(store.stat(key("large"))).hasValueSatisfying(info -> assertThat(info.size()).isEqualTo(size));
        try (InputStream in = store.read(key("large"), 0)) {
            assertThat(sha256(in)).isEqualTo(written.sha256());
        }
        long middle = 40L * MIB + 12345;
        try (InputStream in = store.read(key("large"), middle)) {
            byte[] expected = new byte[4096];
            GeneratedStream.fill(expected, middle);
            assertThat(in.readNBytes(expected.length)).isEqualTo(expected);
        }
    }

    // ---------------------------------------------------------------- move

    @Test
    void moveMakesTheTargetVisibleWithTheSourceContentAndRemovesTheSource() throws IOException {
        byte[] content = randomBytes(new Random(3), 100_000);
        store.append(key("uploads/u1"), new ByteArrayInputStream(content));

        store.move(key("uploads/u1"), key("blobs/sha256/ab/abcd"));

        assertThat(readAll(key("blobs/sha256/ab/abcd"), 0)).isEqualTo(content);
        assertThat(store.stat(key("blobs/sha256/ab/abcd")))
                .hasValueSatisfying(info -> assertThat(info.size()).isEqualTo(content.length));
        assertThat(store.stat(key("uploads/u1"))).isEmpty();
        assertThat(store.list(key(""), null, 10)).containsExactly(key("blobs/sha256/ab/abcd"));
    }

    @Test
    void moveOntoAnExistingTargetRemovesTheSourceAndKeepsTheTarget() throws IOException {
        store.append(key("source"), stream("newcomer"));
        store.append(key("target"), stream("incumbent"));

        store.move(key("source"), key("target"));

        assertThat(store.stat(key("source"))).isEmpty();
        assertThat(readAll(key("target"), 0)).isEqualTo(utf8("incumbent"));
    }

    @Test
    void moveOfAMissingSourceIsNotFoundAndChangesNothing() throws IOException {
        store.append(key("target"), stream("kept"));

        assertThatThrownBy(() -> store.move(key("missing"), key("target")))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.move(key("missing"), key("new-target")))
                .isInstanceOf(ObjectNotFoundException.class);

        assertThat(readAll(key("target"), 0)).isEqualTo(utf8("kept"));
        assertThat(store.stat(key("new-target"))).isEmpty();
    }

    @Test
    void moveOntoItselfChangesNothing() throws IOException {
        store.append(key("self"), stream("still here"));

        store.move(key("self"), key("self"));

        assertThat(readAll(key("self"), 0)).isEqualTo(utf8("still here"));
    }

    @Test
    void movedObjectCanBeMovedAgainAndItsOldPlaceReused() throws IOException {
        store.append(key("a/b/first"), stream("one"));
        store.move(key("a/b/first"), key("c/second"));
        store.move(key("c/second"), key("a/b/first"));
        store.append(key("c/second"), stream("two"));

        assertThat(readAll(key("a/b/first"), 0)).isEqualTo(utf8("one"));
        assertThat(readAll(key("c/second"), 0)).isEqualTo(utf8("two"));
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void concurrentMovesOfDifferentSourcesOntoOneTargetAllSucceed() throws Exception {
        int threads = 8;
        byte[] content = randomBytes(new Random(4), 256 * 1024);
        for (int i = 0; i < threads; i++) {
            store.append(key("uploads/u" + i), new ByteArrayInputStream(content));
        }
        CyclicBarrier start = new CyclicBarrier(threads);

        runConcurrently(threads, i -> {
            await(start);
            store.move(key("uploads/u" + i), key("blobs/target"));
        });

        assertThat(readAll(key("blobs/target"), 0)).isEqualTo(content);
        assertThat(store.list(key(""), null, 100)).containsExactly(key("blobs/target"));
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deleteRemovesTheObjectOnce() throws IOException {
        store.append(key("d"), stream("x"));

        assertThat(store.delete(key("d"))).isTrue();
        assertThat(store.delete(key("d"))).isFalse();

        assertThat(store.stat(key("d"))).isEmpty();
        assertThatThrownBy(() -> store.read(key("d"), 0)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void deleteOfAMissingObjectIsFalse() {
        assertThat(store.delete(key("never/was"))).isFalse();
    }

    @Test
    void deleteLeavesSiblingsAlone() throws IOException {
        store.append(key("dir/a"), stream("a"));
        store.append(key("dir/sub/b"), stream("b"));

        assertThat(store.delete(key("dir/sub/b"))).isTrue();

        assertThat(readAll(key("dir/a"), 0)).isEqualTo(utf8("a"));
        assertThat(store.list(key(""), null, 10)).containsExactly(key("dir/a"));
        store.append(key("dir/sub/c"), stream("c"));
        assertThat(store.list(key(""), null, 10)).containsExactly(key("dir/a"), key("dir/sub/c"));
    }

    @Test
    void deleteAllRemovesEveryMovedObjectAndIgnoresMissingKeys() throws IOException {
        List<String> moved = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            store.append(key("staging/" + i), stream("content " + i));
            store.move(key("staging/" + i), key("final/" + i));
            moved.add(key("final/" + i));
        }
        store.append(key("final/kept"), stream("kept"));
        List<String> doomed = new ArrayList<>(moved);
        doomed.add(key("final/never-was"));

        store.deleteAll(doomed);

        assertThat(store.list(key(""), null, 100)).containsExactly(key("final/kept"));
        store.deleteAll(List.of());
    }

    // ---------------------------------------------------------------- list

    /** Chosen so that separators and neighbours interleave: '-' < '.' < '/' < '0' < 'B' < '_' < 'a'. */
    private static final List<String> TREE = List.of(
            "x/a-1", "x/a.b", "x/a/1", "x/a/b/c", "x/a/b/d-e", "x/a/b0", "x/a0", "x/B", "x/_z", "x/b/deep/er/still",
            "x/ba");

    private List<String> populateTree() throws IOException {
        List<String> keys = new ArrayList<>();
        for (String relative : TREE) {
            store.append(key(relative), stream(relative));
            keys.add(key(relative));
        }
        store.append(key("y/a"), stream("other prefix"));
        store.append(key("xx/a"), stream("other prefix sharing characters"));
        return keys.stream().sorted().toList();
    }

    @Test
    void listReturnsEveryKeyUnderADirectoryPrefixInLexicalOrder() throws IOException {
        List<String> sorted = populateTree();

        assertThat(store.list(key("x/"), null, 100)).containsExactlyElementsOf(sorted);
    }

    @Test
    void listPrefixIsAPlainStringPrefix() throws IOException {
        populateTree();

        assertThat(store.list(key("x/a"), null, 100)).containsExactly(
                key("x/a-1"), key("x/a.b"), key("x/a/1"), key("x/a/b/c"), key("x/a/b/d-e"), key("x/a/b0"),
                key("x/a0"));
        assertThat(store.list(key("x/a/b"), null, 100)).containsExactly(
                key("x/a/b/c"), key("x/a/b/d-e"), key("x/a/b0"));
        assertThat(store.list(key("x"), null, 100)).hasSize(TREE.size() + 1).contains(key("xx/a"));
        assertThat(store.list(key("x/ba"), null, 100)).containsExactly(key("x/ba"));
    }

    @Test
    void listExcludesObjectsOfAnotherPrefix() throws IOException {
        populateTree();

        assertThat(store.list(key("x/"), null, 100)).allMatch(k -> k.startsWith(key("x/")));
        assertThat(store.list(key("y/"), null, 100)).containsExactly(key("y/a"));
        assertThat(store.list(key("nothing-here/"), null, 100)).isEmpty();
        assertThat(store.list(key("x/a/b/c/"), null, 100)).isEmpty();
    }

    @Test
    void listStartsStrictlyAfterStartAfter() throws IOException {
        List<String> sorted = populateTree();

        for (int i = 0; i < sorted.size(); i++) {
            assertThat(store.list(key("x/"), sorted.get(i), 100))
                    .as("after %s", sorted.get(i))
                    .containsExactlyElementsOf(sorted.subList(i + 1, sorted.size()));
        }
        // startAfter need not be a key, and may sort inside a directory or between one's neighbours
        assertThat(store.list(key("x/"), key("x/a/"), 100)).first().isEqualTo(key("x/a/1"));
        assertThat(store.list(key("x/"), key("x/a/b/"), 100)).first().isEqualTo(key("x/a/b/c"));
        assertThat(store.list(key("x/"), key("x/a/b/zzz"), 100)).first().isEqualTo(key("x/a/b0"));
        assertThat(store.list(key("x/"), key("x/a-"), 100)).first().isEqualTo(key("x/a-1"));
        assertThat(store.list(key("x/"), key("x/"), 100)).containsExactlyElementsOf(sorted);
        assertThat(store.list(key("x/"), key("x/zzz"), 100)).isEmpty();
        assertThat(store.list(key("x/"), "", 100)).containsExactlyElementsOf(sorted);
    }

    @Test
    void listStopsAtTheLimit() throws IOException {
        List<String> sorted = populateTree();

        assertThat(store.list(key("x/"), null, 3)).containsExactlyElementsOf(sorted.subList(0, 3));
        assertThat(store.list(key("x/"), null, 1)).containsExactly(sorted.get(0));
        assertThat(store.list(key("x/"), null, 0)).isEmpty();
        assertThat(store.list(key("x/"), sorted.get(2), 4)).containsExactlyElementsOf(sorted.subList(3, 7));
        assertThatThrownBy(() -> store.list(key("x/"), null, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pagingWithAnyPageSizeVisitsEveryKeyOnce() throws IOException {
        List<String> sorted = populateTree();

        for (int pageSize = 1; pageSize <= sorted.size() + 1; pageSize++) {
            assertThat(pageThrough(key("x/"), pageSize)).as("page size %d", pageSize).isEqualTo(sorted);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void listPagesThroughMoreThanAThousandKeys() throws Exception {
        int count = 1050;
        int writers = 8;
        List<String> expected = IntStream.range(0, count)
                .mapToObj(i -> key(String.format("many/%02d/%04d", i % 35, i))).sorted().toList();
        // written from several threads only to keep a durable store's per-append flushes from taking long
        runConcurrently(writers, w -> {
            for (int i = w; i < count; i += writers) {
                store.append(expected.get(i), new ByteArrayInputStream(new byte[] {(byte) i}));
            }
        });
        store.append(key("manx"), stream("not under many/"));

        List<String> first = store.list(key("many/"), null, 1000);
        assertThat(first).containsExactlyElementsOf(expected.subList(0, 1000));
        assertThat(store.list(key("many/"), first.get(999), 1000)).containsExactlyElementsOf(expected.subList(1000,
                1050));
        assertThat(store.list(key("many/"), null, Integer.MAX_VALUE)).containsExactlyElementsOf(expected);
        assertThat(pageThrough(key("many/"), 100)).isEqualTo(expected);
    }

    @Test
    void listOfAnEmptyPrefixSeesTheWholeStoreIncludingThisTestsKeys() throws IOException {
        store.append(key("k"), stream("x"));

        List<String> everything = new ArrayList<>();
        String after = null;
        for (List<String> page; !(page = store.list("", after, 500)).isEmpty(); after = page.getLast()) {
            everything.addAll(page);
        }

        assertThat(everything).contains(key("k")).isSorted();
    }

    @Test
    void invalidPrefixesAreRejected() {
        for (String prefix : List.of("/", "/a", "a//", "../", "a/../", "./", ".", "a/./b", "a\\b", "a/b\0")) {
            assertThatThrownBy(() -> store.list(prefix, null, 10)).as("prefix %s", prefix)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ---------------------------------------------------------------- keys

    static Stream<String> invalidKeys() {
        return Stream.of("", "/", "/abs", "abs/", "a//b", ".", "..", "../x", "a/..", "a/../b", "./a", "a/./b",
                ".hidden", "a/.hidden", "a\\b", "..\\x", "a\0b", "a b", "a:b", "a*b", "é", "a\nb", "~",
                "a".repeat(256), ("a".repeat(200) + "/").repeat(6) + "a",
                // one character over the limit, every segment valid
                ("a".repeat(200) + "/").repeat(4) + "a".repeat(ObjectKeys.MAX_KEY_LENGTH + 1 - 804));
    }

    @ParameterizedTest
    @MethodSource("io.stowage.storage.ObjectStoreContract#invalidKeys")
    void invalidKeysAreRejectedByEveryOperation(String invalid) throws IOException {
        store.append(key("valid"), stream("x"));

        List<ThrowingCall> calls = List.of(
                () -> store.stat(invalid),
                () -> store.read(invalid, 0),
                () -> store.append(invalid, stream("x")),
                () -> store.move(invalid, key("valid")),
                () -> store.move(key("valid"), invalid),
                () -> store.delete(invalid));
        for (ThrowingCall call : calls) {
            assertThatThrownBy(call::call).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(readAll(key("valid"), 0)).isEqualTo(utf8("x"));
    }

    @Test
    void validKeysOfEveryAllowedCharacterWork() throws IOException {
        List<String> valid = List.of("a", "Z", "0", "_", "-", "a.b", "a..b", "a.", "-.-", "_leading", "UPPER_lower-09",
                "deep/er/and/deeper/still/more/levels/than/usual", "s" + "e".repeat(254),
                ("abc/").repeat(100) + "end");
        for (String relative : valid) {
            String k = key(relative);
            assertThat(store.append(k, stream(relative))).as(relative).isEqualTo(relative.length());
            assertThat(readAll(k, 0)).as(relative).isEqualTo(utf8(relative));
        }
        assertThat(store.list(key(""), null, 100)).containsExactlyInAnyOrderElementsOf(
                valid.stream().map(this::key).toList());
    }

    @Test
    void keysOfTheMaximumLengthWork() throws IOException {
        String longest = maximumLengthKey('b');
        String otherLongest = maximumLengthKey('c');
        assertThat(longest).hasSize(ObjectKeys.MAX_KEY_LENGTH);

        // appended twice: a backend that keeps pieces apart must still fit its own names in its limits
        store.append(longest, stream("first,"));
        assertThat(store.append(longest, stream("second"))).isEqualTo(12);

        assertThat(store.stat(longest)).hasValueSatisfying(info -> assertThat(info.size()).isEqualTo(12));
        assertThat(readAll(longest, 6)).isEqualTo(utf8("second"));
        assertThat(store.list(key(""), null, 10)).containsExactly(longest);
        store.move(longest, otherLongest);
        assertThat(readAll(otherLongest, 0)).isEqualTo(utf8("first,second"));
        assertThat(store.stat(longest)).isEmpty();
        assertThat(store.delete(otherLongest)).isTrue();
        assertThat(store.list(key(""), null, 10)).isEmpty();
    }

    /** A key of exactly {@link ObjectKeys#MAX_KEY_LENGTH} characters under this test's namespace. */
    private String maximumLengthKey(char last) {
        String directories = ("d".repeat(ObjectKeys.MAX_SEGMENT_LENGTH - 1) + "/").repeat(3);
        String start = key(directories);
        return start + "n".repeat(ObjectKeys.MAX_KEY_LENGTH - start.length() - 1) + last;
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void readersSeeCompleteContentWhileAnotherKeyIsAppended() throws Exception {
        byte[] stable = randomBytes(new Random(5), MIB);
        store.append(key("stable"), new ByteArrayInputStream(stable));
        byte[] expectedDigest = sha256(new ByteArrayInputStream(stable));
        AtomicBoolean appending = new AtomicBoolean(true);
        int readers = 3;

        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                results.add(pool.submit(() -> {
                    int reads = 0;
                    do {
                        try (InputStream in = store.read(key("stable"), 0)) {
                            assertThat(sha256(in)).isEqualTo(expectedDigest);
                        }
                        reads++;
                    } while (appending.get());
                    return reads;
                }));
            }
            ByteArrayOutputStream growing = new ByteArrayOutputStream();
            try {
                for (int i = 0; i < 40; i++) {
                    byte[] chunk = randomBytes(new Random(100 + i), 64 * 1024 + i);
                    growing.writeBytes(chunk);
                    long size = store.append(key("growing"), new ByteArrayInputStream(chunk));
                    assertThat(size).isEqualTo(growing.size());
                }
            } finally {
                appending.set(false);
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isPositive();
            }
            assertThat(readAll(key("growing"), 0)).isEqualTo(growing.toByteArray());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void concurrentWritersOfDifferentKeysInOneDirectoryDoNotInterfere() throws Exception {
        int threads = 6;
        CyclicBarrier start = new CyclicBarrier(threads);

        runConcurrently(threads, i -> {
            await(start);
            for (int round = 0; round < 10; round++) {
                String k = key("shared/dir/t" + i + "-" + round);
                store.append(k, stream("v" + i + round));
                if (round % 2 == 0) {
                    // deleting may empty the shared directory while the others keep writing into it
                    assertThat(store.delete(k)).isTrue();
                }
            }
        });

        List<String> expected = IntStream.range(0, threads).boxed()
                .flatMap(i -> IntStream.of(1, 3, 5, 7, 9).mapToObj(round -> key("shared/dir/t" + i + "-" + round)))
                .sorted().toList();
        assertThat(store.list(key("shared/"), null, 1000)).containsExactlyElementsOf(expected);
    }

    // ---------------------------------------------------------------- helpers

    protected final byte[] readAll(String key, long offset) throws IOException {
        try (InputStream in = store.read(key, offset)) {
            return in.readAllBytes();
        }
    }

    protected static InputStream stream(String content) {
        return new ByteArrayInputStream(utf8(content));
    }

    protected static byte[] utf8(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> pageThrough(String prefix, int pageSize) {
        List<String> all = new ArrayList<>();
        String after = null;
        while (true) {
            List<String> page = store.list(prefix, after, pageSize);
            assertThat(page).hasSizeLessThanOrEqualTo(pageSize);
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            after = page.getLast();
        }
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] sha256(InputStream in) throws IOException {
        MessageDigest md = newSha256();
        byte[] buffer = new byte[128 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            md.update(buffer, 0, n);
        }
        return md.digest();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Yields {@code bytes} bytes of 'x' and then throws {@code failure}, like a client that goes away halfway
     * through its body; for the implementations' own tests too.
     */
    public static InputStream failingAfter(int bytes, IOException failure) {
        return new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served >= bytes) {
                    throw failure;
                }
                int n = Math.min(len, bytes - served);
                Arrays.fill(b, off, off + n, (byte) 'x');
                served += n;
                return n;
            }
        };
    }

    private interface ThrowingCall {
        void call() throws Exception;
    }

    private interface IndexedTask {
        void run(int index) throws Exception;
    }

    /** Runs {@code task} on {@code threads} threads at once and rethrows the first failure. */
    private static void runConcurrently(int threads, IndexedTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit((Callable<Void>) () -> {
                    task.run(index);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CyclicBarrier barrier) throws Exception {
        barrier.await(30, TimeUnit.SECONDS);
    }

    /** Deterministic pseudo-random bytes computed from their position, so any range can be checked later. */
    private static final class GeneratedStream extends InputStream {
        private final long size;
        private final MessageDigest digest = newSha256();
        private long position;

        GeneratedStream(long size) {
            this.size = size;
        }

        static void fill(byte[] target, long from) {
            for (int i = 0; i < target.length; i++) {
                target[i] = byteAt(from + i);
            }
        }

        private static byte byteAt(long position) {
            long z = (position >>> 3) * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            return (byte) (z >>> ((position & 7) * 8));
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = byteAt(position + i);
            }
            digest.update(b, off, n);
            position += n;
            return n;
        }

        /** The digest of everything served so far. */
        byte[] sha256() {
            try {
                return ((MessageDigest) digest.clone()).digest();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
