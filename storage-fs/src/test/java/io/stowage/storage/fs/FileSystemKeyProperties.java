package io.stowage.storage.fs;

import io.stowage.storage.ObjectKeys;
import io.stowage.storage.ObjectStore;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Whatever string arrives as a key, it is refused or it lands exactly where the key says, inside the root. */
class FileSystemKeyProperties {

    /** The key grammar of the SPI's javadoc, written independently of {@link ObjectKeys}. */
    private static final Pattern GRAMMAR = Pattern.compile("(?![.])[A-Za-z0-9._-]{1,255}(/(?![.])[A-Za-z0-9._-]{1,255})*");

    private static Path temp;
    private static Path root;

    @BeforeContainer
    static void createRoot() throws IOException {
        temp = Files.createTempDirectory("stowage-keys");
        root = temp.resolve("root");
    }

    @AfterContainer
    static void deleteRoot() throws IOException {
        try (Stream<Path> paths = Files.walk(temp)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Property(tries = 3000)
    void keysAreAcceptedExactlyWhenTheGrammarSaysSo(@ForAll("keyLike") String candidate) {
        boolean expected = candidate.length() <= 1000 && GRAMMAR.matcher(candidate).matches();
        Statistics.label("valid").collect(expected);
        Statistics.label("valid").coverage(c -> {
            c.check(true).percentage(p -> p > 5);
            c.check(false).percentage(p -> p > 5);
        });

        assertThat(ObjectKeys.isValidKey(candidate)).isEqualTo(expected);
    }

    @Property(tries = 3000)
    void anAcceptedKeyMapsToThePathItNamesStrictlyInsideTheRoot(@ForAll("keyLike") String candidate) {
        KeyPaths paths = new KeyPaths(root);

        Throwable thrown = catchThrowable(() -> paths.pathOf(candidate));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        Path path = paths.pathOf(candidate);
        assertThat(path).startsWithRaw(root).isNotEqualTo(root).isEqualTo(path.normalize());
        assertThat(String.join("/", root.relativize(path).toString().split(Pattern.quote(path.getFileSystem()
                .getSeparator())))).isEqualTo(candidate);
    }

    @Property(tries = 400)
    void theStoreRefusesAKeyOrWritesExactlyThereAndNowhereElse(@ForAll("keyLike") String candidate)
            throws IOException {
        try (ObjectStore store = FileSystemObjectStore.open(root)) {
            Throwable thrown = catchThrowable(() -> store.append(candidate, content(candidate)));

            if (thrown != null) {
                assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
                assertThat(store.list("", null, 10)).isEmpty();
            } else {
                assertThat(root.resolve(candidate)).isRegularFile()
                        .hasBinaryContent(candidate.getBytes(StandardCharsets.UTF_8));
                assertThat(store.list("", null, 10)).containsExactly(candidate);
                assertThat(store.delete(candidate)).isTrue();
            }
            // At most the (empty) first-level directory of the key stays: the store keeps its areas.
            try (Stream<Path> left = Files.walk(root)) {
                List<Path> entries = left.filter(p -> !p.equals(root)).toList();
                assertThat(entries).hasSizeLessThanOrEqualTo(1);
                for (Path entry : entries) {
                    assertThat(entry).isEmptyDirectory().hasParentRaw(root);
                    Files.delete(entry);
                }
            }
            try (Stream<Path> beside = Files.list(temp)) {
                assertThat(beside.toList()).containsExactly(root);
            }
        }
    }

    @Property(tries = 1000)
    void listingRefusesAPrefixOrStaysInsideTheRoot(@ForAll("keyLike") String prefix) {
        try (ObjectStore store = FileSystemObjectStore.open(root)) {
            Throwable thrown = catchThrowable(() -> store.list(prefix, null, 10));

            if (thrown != null) {
                assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
                assertThat(prefix.isEmpty() || GRAMMAR.matcher(prefix + "a").matches()
                        || GRAMMAR.matcher(prefix).matches()).isFalse();
            } else {
                assertThat(store.list(prefix, null, 10)).isEmpty();
            }
        }
    }

    @Provide
    Arbitrary<String> keyLike() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("", ".", "..", "...", ".x", "a", "A-Z", "x.y", "a..b", "_", "-", "~", "a b", "\\",
                        "\0", "é", "C:", "%2e%2e", "con", "a".repeat(255), "b".repeat(256)),
                Arbitraries.strings().withChars("abZ09._-").ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().withChars("ab._-\\/:\0 ").ofMaxLength(8));
        Arbitrary<String> joined = segment.list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("/", parts));
        return Arbitraries.frequencyOf(
                Tuple.of(8, joined),
                Tuple.of(1, joined.map(s -> "/" + s)),
                Tuple.of(1, joined.map(s -> s + "/")),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(30)),
                Tuple.of(1, Arbitraries.strings().withChars("ab/").ofMinLength(900).ofMaxLength(1100)));
    }

    private static ByteArrayInputStream content(String key) {
        return new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8));
    }
}
