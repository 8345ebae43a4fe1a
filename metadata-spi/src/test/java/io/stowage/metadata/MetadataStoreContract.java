package io.stowage.metadata;

import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.MediaTypes;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link MetadataStore} must have. An implementation's test extends this class and says how to
 * create a fresh, empty store (and, to run the persistence tests, how to reopen one). Only the SPI is exercised, so
 * the same suite holds for every backend.
 */
public abstract class MetadataStoreContract {

    /** Instants with millisecond precision: the finest every backend is required to keep. */
    protected static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");

    private static final String IMAGE_CONFIG = MediaTypes.OCI_CONFIG;
    private static final String SBOM = "application/vnd.example.sbom.v1";
    private static final String SIGNATURE = "application/vnd.example.signature.v1";

    /** The store under test; replaced by {@link #reopenStore()}. */
    protected MetadataStore store;

    /** A new, empty store. */
    protected abstract MetadataStore createStore() throws Exception;

    /**
     * Closes {@code old} and opens a store on the same data, as a restart would. Stores that cannot be reopened
     * leave this as is, and the persistence tests are skipped for them.
     */
    protected MetadataStore reopen(MetadataStore old) throws Exception {
        Assumptions.abort("this store cannot be reopened");
        return old;
    }

    @BeforeEach
    void openStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    // ---------------------------------------------------------------- repositories

    @Test
    void anEmptyStoreHasNoRepositories() {
        assertThat(store.repositories().list(null, 100)).isEmpty();
        assertThat(store.repositories().exists(repo("library/alpine"))).isFalse();
    }

    @Test
    void aRepositoryAppearsOnItsFirstBlobLink() {
        RepositoryName repo = repo("library/alpine");
        store.blobs().link(repo, digest("layer"), 5);

        assertThat(store.repositories().exists(repo)).isTrue();
        assertThat(store.repositories().list(null, 100)).containsExactly(repo);
    }

    @Test
    void aRepositoryAppearsOnItsFirstManifest() {
        RepositoryName repo = repo("library/alpine");
        putOk(manifest(repo, "m"), List.of(), List.of());

        assertThat(store.repositories().exists(repo)).isTrue();
        assertThat(store.repositories().list(null, 100)).containsExactly(repo);
    }

    @Test
    void anUploadAloneDoesNotCreateItsRepository() {
        RepositoryName repo = repo("library/alpine");
        store.uploads().create(new UploadRecord("u1", repo, T0, T0));

        assertThat(store.repositories().exists(repo)).isFalse();
        assertThat(store.repositories().list(null, 100)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 100})
    void repositoriesListInLexicalOrderPageByPage(int pageSize) {
        List<String> names = List.of("b", "a/b", "a", "a-b", "a.b", "a_b", "c/d/e", "a0", "z9", "0");
        for (String name : names) {
            store.blobs().link(repo(name), digest("shared"), 1);
        }
        List<String> sorted = names.stream().sorted().toList();

        List<String> paged = collectPages(pageSize,
                (last, limit) -> store.repositories().list(last, limit).stream().map(RepositoryName::value).toList());

        assertThat(paged).containsExactlyElementsOf(sorted);
    }

    @Test
    void repositoryListStartsStrictlyAfterLastEvenWhenLastIsNoRepository() {
        for (String name : List.of("a", "b", "c")) {
            store.blobs().link(repo(name), digest("shared"), 1);
        }

        assertThat(store.repositories().list("a", 10)).containsExactly(repo("b"), repo("c"));
        assertThat(store.repositories().list("aa", 10)).containsExactly(repo("b"), repo("c"));
        assertThat(store.repositories().list("c", 10)).isEmpty();
        assertThat(store.repositories().list(null, 0)).isEmpty();
    }

    // ---------------------------------------------------------------- blobs

    @Test
    void linkingABlobTwiceIsIdempotent() {
        RepositoryName repo = repo("app");
        Digest blob = digest("layer");
        store.blobs().link(repo, blob, 42);
        store.blobs().link(repo, blob, 42);

        assertThat(store.blobs().findLinked(repo, blob)).hasValueSatisfying(record -> {
            assertThat(record.digest()).isEqualTo(blob);
            assertThat(record.size()).isEqualTo(42);
            assertThat(record.createdAt()).isNotNull();
        });
        assertThat(store.blobs().repositoriesWith(blob, 10)).containsExactly(repo);
        assertThat(store.repositories().list(null, 10)).containsExactly(repo);
    }

    @Test
    void aBlobIsLinkedOnlyToTheRepositoriesThatReceivedIt() {
        Digest blob = digest("layer");
        store.blobs().link(repo("a"), blob, 7);
        store.blobs().link(repo("b"), digest("other"), 1);

        assertThat(store.blobs().findLinked(repo("a"), blob)).map(BlobRecord::size).hasValue(7L);
        assertThat(store.blobs().findLinked(repo("b"), blob)).isEmpty();
        assertThat(store.blobs().findLinked(repo("nowhere"), blob)).isEmpty();
        assertThat(store.blobs().find(blob)).map(BlobRecord::size).hasValue(7L);
    }

    @Test
    void anUnknownBlobIsFoundNowhere() {
        Digest blob = digest("never pushed");

        assertThat(store.blobs().find(blob)).isEmpty();
        assertThat(store.blobs().findLinked(repo("a"), blob)).isEmpty();
        assertThat(store.blobs().repositoriesWith(blob, 10)).isEmpty();
    }

    @Test
    void repositoriesWithABlobListInLexicalOrderUpToTheLimit() {
        Digest blob = digest("layer");
        for (String name : List.of("d", "b", "c/x", "a")) {
            store.blobs().link(repo(name), blob, 3);
        }
        store.blobs().link(repo("e"), digest("other"), 3);

        assertThat(store.blobs().repositoriesWith(blob, 10)).containsExactly(repo("a"), repo("b"), repo("c/x"),
                repo("d"));
        assertThat(store.blobs().repositoriesWith(blob, 2)).containsExactly(repo("a"), repo("b"));
        assertThat(store.blobs().repositoriesWith(blob, 0)).isEmpty();
    }

    @Test
    void unlinkRemovesOnlyThatRepositorysLinkAndKeepsTheBlob() {
        Digest blob = digest("layer");
        store.blobs().link(repo("a"), blob, 3);
        store.blobs().link(repo("b"), blob, 3);

        assertThat(store.blobs().unlink(repo("a"), blob)).isTrue();

        assertThat(store.blobs().findLinked(repo("a"), blob)).isEmpty();
        assertThat(store.blobs().findLinked(repo("b"), blob)).isPresent();
        assertThat(store.blobs().find(blob)).isPresent();
        assertThat(store.blobs().repositoriesWith(blob, 10)).containsExactly(repo("b"));
        assertThat(store.blobs().unlink(repo("a"), blob)).isFalse();
        assertThat(store.blobs().unlink(repo("nowhere"), blob)).isFalse();
    }

    @Test
    void anUnlinkedBlobCountsAsMissingForLaterManifests() {
        RepositoryName repo = repo("app");
        Digest blob = linkedBlob(repo, "layer");
        store.blobs().unlink(repo, blob);

        assertThat(store.manifests().put(manifest(repo, "m"), List.of(blob), List.of(), List.of()))
                .containsExactly(blob);
    }

    // ---------------------------------------------------------------- manifests: put

    @Test
    void putReportsMissingBlobsAndWritesNothing() {
        RepositoryName repo = repo("app");
        Digest config = digest("config");
        Digest layer = digest("layer");
        ManifestRecord m = manifest(repo, "m");

        Set<Digest> missing = store.manifests().put(m, List.of(config, layer), List.of(), List.of(tag("latest")));

        assertThat(missing).containsExactlyInAnyOrder(config, layer);
        assertThat(store.repositories().exists(repo)).isFalse();
        assertThat(store.repositories().list(null, 10)).isEmpty();
        assertThat(store.manifests().find(repo, m.digest())).isEmpty();
        assertThat(store.manifests().resolve(repo, tag("latest"))).isEmpty();
        assertThat(store.manifests().tags(repo, null, 10)).isEmpty();
    }

    @Test
    void putReportsOnlyTheBlobsNotLinkedToThisRepository() {
        RepositoryName repo = repo("app");
        Digest present = linkedBlob(repo, "config");
        Digest elsewhere = linkedBlob(repo("other"), "layer");
        Digest unknown = digest("unknown");

        Set<Digest> missing = store.manifests().put(manifest(repo, "m"), List.of(present, elsewhere, unknown),
                List.of(), List.of(tag("latest")));

        assertThat(missing).containsExactlyInAnyOrder(elsewhere, unknown);
        assertThat(store.manifests().resolve(repo, tag("latest"))).isEmpty();
    }

    @Test
    void aFailedPutLeavesExistingTagsWhereTheyWere() {
        RepositoryName repo = repo("app");
        ManifestRecord first = manifest(repo, "first");
        putOk(first, List.of(), List.of(), tag("latest"));

        Digest unknown = digest("unknown");
        ManifestRecord second = manifest(repo, "second");
        assertThat(store.manifests().put(second, List.of(unknown), List.of(), List.of(tag("latest"), tag("v2"))))
                .containsExactly(unknown);

        assertThat(store.manifests().resolve(repo, tag("latest"))).hasValue(first.digest());
        assertThat(store.manifests().resolve(repo, tag("v2"))).isEmpty();
        assertThat(store.manifests().find(repo, second.digest())).isEmpty();
        assertThat(store.manifests().tags(repo, null, 10)).containsExactly(tag("latest"));
    }

    @Test
    void putReportsChildManifestsMissingFromThisRepository() {
        RepositoryName repo = repo("app");
        ManifestRecord present = manifest(repo, "amd64");
        putOk(present, List.of(), List.of());
        ManifestRecord elsewhere = manifest(repo("other"), "arm64");
        putOk(elsewhere, List.of(), List.of());
        ManifestRecord index = index(repo, "index");

        Set<Digest> missing = store.manifests().put(index, List.of(), List.of(present.digest(), elsewhere.digest()),
                List.of(tag("latest")));

        assertThat(missing).containsExactly(elsewhere.digest());
        assertThat(store.manifests().find(repo, index.digest())).isEmpty();
        assertThat(store.manifests().resolve(repo, tag("latest"))).isEmpty();
    }

    @Test
    void putReportsMissingBlobsAndChildrenTogether() {
        RepositoryName repo = repo("app");
        Digest blob = digest("blob");
        Digest child = digest("child");

        assertThat(store.manifests().put(index(repo, "index"), List.of(blob), List.of(child), List.of()))
                .containsExactlyInAnyOrder(blob, child);
    }

    @Test
    void anIndexCanBePutOnceItsChildrenArePresent() {
        RepositoryName repo = repo("app");
        Digest layer = linkedBlob(repo, "layer");
        ManifestRecord amd64 = manifest(repo, "amd64");
        ManifestRecord arm64 = manifest(repo, "arm64");
        putOk(amd64, List.of(layer), List.of());
        putOk(arm64, List.of(layer), List.of());
        ManifestRecord index = index(repo, "index");

        putOk(index, List.of(), List.of(amd64.digest(), arm64.digest()), tag("latest"));

        assertThat(store.manifests().resolve(repo, tag("latest"))).hasValue(index.digest());
    }

    @Test
    void putStoresTheExactBytesAndFields() {
        RepositoryName repo = repo("app");
        Digest config = linkedBlob(repo, "config");
        byte[] content = "{ \"schemaVersion\" :2,\n\t\"annotations\":{\"k\":\"v\u00e9\u4e2d\"}  }\r\n"
                .getBytes(StandardCharsets.UTF_8);
        Digest subject = digest("subject");
        ManifestRecord m = new ManifestRecord(repo, Digest.of(DigestAlgorithm.SHA256, content),
                MediaTypes.OCI_MANIFEST, content, SBOM, subject,
                Map.of("org.opencontainers.image.created", "2025-01-01T00:00:00Z", "k", "v\u00e9\u4e2d"), T0);

        putOk(m, List.of(config), List.of());

        ManifestRecord found = store.manifests().find(repo, m.digest()).orElseThrow();
        assertThat(found.content()).isEqualTo(content);
        assertThat(found.repository()).isEqualTo(repo);
        assertThat(found.digest()).isEqualTo(m.digest());
        assertThat(found.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(found.artifactType()).isEqualTo(SBOM);
        assertThat(found.subject()).isEqualTo(subject);
        assertThat(found.annotations()).isEqualTo(m.annotations());
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.size()).isEqualTo(content.length);
    }

    @Test
    void aManifestWithoutOptionalFieldsComesBackWithoutThem() {
        RepositoryName repo = repo("app");
        ManifestRecord m = manifest(repo, "plain");
        putOk(m, List.of(), List.of());

        ManifestRecord found = store.manifests().find(repo, m.digest()).orElseThrow();
        assertThat(found.artifactType()).isNull();
        assertThat(found.subject()).isNull();
        assertThat(found.annotations()).isEmpty();
    }

    @Test
    void aManifestIsFoundOnlyInItsRepository() {
        ManifestRecord m = manifest(repo("a"), "m");
        putOk(m, List.of(), List.of());
        store.blobs().link(repo("b"), digest("x"), 1);

        assertThat(store.manifests().find(repo("a"), m.digest())).isPresent();
        assertThat(store.manifests().find(repo("b"), m.digest())).isEmpty();
        assertThat(store.manifests().find(repo("nowhere"), m.digest())).isEmpty();
        assertThat(store.manifests().find(repo("a"), digest("unknown"))).isEmpty();
    }

    @Test
    void puttingTheSameManifestAgainIsIdempotentAndStillAppliesTags() {
        RepositoryName repo = repo("app");
        Digest layer = linkedBlob(repo, "layer");
        ManifestRecord m = manifest(repo, "m");
        putOk(m, List.of(layer), List.of(), tag("v1"));

        putOk(m, List.of(layer), List.of(), tag("v1"), tag("latest"));

        assertThat(store.manifests().find(repo, m.digest())).map(ManifestRecord::content).hasValue(m.content());
        assertThat(store.manifests().resolve(repo, tag("v1"))).hasValue(m.digest());
        assertThat(store.manifests().resolve(repo, tag("latest"))).hasValue(m.digest());
        assertThat(store.manifests().tags(repo, null, 10)).containsExactly(tag("latest"), tag("v1"));
        assertThat(store.repositories().list(null, 10)).containsExactly(repo);
    }

    @Test
    void puttingAManifestWithATagMovesTheTag() {
        RepositoryName repo = repo("app");
        ManifestRecord first = manifest(repo, "first");
        ManifestRecord second = manifest(repo, "second");
        putOk(first, List.of(), List.of(), tag("latest"), tag("v1"));

        putOk(second, List.of(), List.of(), tag("latest"));

        assertThat(store.manifests().resolve(repo, tag("latest"))).hasValue(second.digest());
        assertThat(store.manifests().resolve(repo, tag("v1"))).hasValue(first.digest());
        assertThat(store.manifests().find(repo, first.digest())).isPresent();
        assertThat(store.manifests().tags(repo, null, 10)).containsExactly(tag("latest"), tag("v1"));
    }

    @Test
    void aTagResolvesOnlyInItsRepository() {
        ManifestRecord m = manifest(repo("a"), "m");
        putOk(m, List.of(), List.of(), tag("latest"));

        assertThat(store.manifests().resolve(repo("a"), tag("latest"))).hasValue(m.digest());
        assertThat(store.manifests().resolve(repo("a"), tag("other"))).isEmpty();
        assertThat(store.manifests().resolve(repo("b"), tag("latest"))).isEmpty();
    }

    // ---------------------------------------------------------------- manifests: delete

    @Test
    void deletingAManifestRemovesItAndItsTagsButLeavesOthers() {
        RepositoryName repo = repo("app");
        Digest layer = linkedBlob(repo, "layer");
        ManifestRecord doomed = manifest(repo, "doomed");
        ManifestRecord kept = manifest(repo, "kept");
        putOk(doomed, List.of(layer), List.of(), tag("a"), tag("b"));
        putOk(kept, List.of(layer), List.of(), tag("c"));

        assertThat(store.manifests().delete(repo, doomed.digest())).isTrue();

        assertThat(store.manifests().find(repo, doomed.digest())).isEmpty();
        assertThat(store.manifests().resolve(repo, tag("a"))).isEmpty();
        assertThat(store.manifests().resolve(repo, tag("b"))).isEmpty();
        assertThat(store.manifests().find(repo, kept.digest())).isPresent();
        assertThat(store.manifests().resolve(repo, tag("c"))).hasValue(kept.digest());
        assertThat(store.manifests().tags(repo, null, 10)).containsExactly(tag("c"));
        assertThat(store.blobs().findLinked(repo, layer)).isPresent();
        assertThat(store.manifests().delete(repo, doomed.digest())).isFalse();
    }

    @Test
    void deletingAnUnknownManifestReportsFalse() {
        putOk(manifest(repo("app"), "m"), List.of(), List.of());

        assertThat(store.manifests().delete(repo("app"), digest("unknown"))).isFalse();
        assertThat(store.manifests().delete(repo("nowhere"), digest("unknown"))).isFalse();
    }

    @Test
    void deletingAManifestInOneRepositoryLeavesTheSameManifestInAnother() {
        ManifestRecord inA = manifest(repo("a"), "same");
        ManifestRecord inB = manifest(repo("b"), "same");
        putOk(inA, List.of(), List.of(), tag("latest"));
        putOk(inB, List.of(), List.of(), tag("latest"));

        store.manifests().delete(repo("a"), inA.digest());

        assertThat(store.manifests().find(repo("b"), inB.digest())).isPresent();
        assertThat(store.manifests().resolve(repo("b"), tag("latest"))).hasValue(inB.digest());
    }

    @Test
    void aDeletedManifestCanBePutAgain() {
        RepositoryName repo = repo("app");
        Digest layer = linkedBlob(repo, "layer");
        ManifestRecord m = manifest(repo, "m");
        putOk(m, List.of(layer), List.of(), tag("latest"));
        store.manifests().delete(repo, m.digest());

        putOk(m, List.of(layer), List.of(), tag("latest"));

        assertThat(store.manifests().find(repo, m.digest())).isPresent();
        assertThat(store.manifests().resolve(repo, tag("latest"))).hasValue(m.digest());
    }

    @Test
    void aChildOfAnIndexMayBeDeletedAndTheIndexStays() {
        RepositoryName repo = repo("app");
        ManifestRecord child = manifest(repo, "child");
        ManifestRecord sibling = manifest(repo, "sibling");
        putOk(child, List.of(), List.of());
        putOk(sibling, List.of(), List.of());
        ManifestRecord index = index(repo, "index");
        putOk(index, List.of(), List.of(child.digest(), sibling.digest()), tag("latest"));

        assertThat(store.manifests().delete(repo, child.digest())).isTrue();

        assertThat(store.manifests().find(repo, child.digest())).isEmpty();
        assertThat(store.manifests().find(repo, index.digest())).isPresent();
        assertThat(store.manifests().find(repo, sibling.digest())).isPresent();
        assertThat(store.manifests().resolve(repo, tag("latest"))).hasValue(index.digest());
    }

    @Test
    void deletingAnIndexLeavesItsChildren() {
        RepositoryName repo = repo("app");
        ManifestRecord child = manifest(repo, "child");
        putOk(child, List.of(), List.of(), tag("child"));
        ManifestRecord index = index(repo, "index");
        putOk(index, List.of(), List.of(child.digest()), tag("latest"));

        assertThat(store.manifests().delete(repo, index.digest())).isTrue();

        assertThat(store.manifests().find(repo, child.digest())).isPresent();
        assertThat(store.manifests().resolve(repo, tag("child"))).hasValue(child.digest());
    }

    @Test
    void deletingATagRemovesOnlyThatTag() {
        RepositoryName repo = repo("app");
        ManifestRecord m = manifest(repo, "m");
        putOk(m, List.of(), List.of(), tag("latest"), tag("v1"));

        assertThat(store.manifests().deleteTag(repo, tag("latest"))).isTrue();

        assertThat(store.manifests().resolve(repo, tag("latest"))).isEmpty();
        assertThat(store.manifests().resolve(repo, tag("v1"))).hasValue(m.digest());
        assertThat(store.manifests().find(repo, m.digest())).isPresent();
        assertThat(store.manifests().tags(repo, null, 10)).containsExactly(tag("v1"));
        assertThat(store.manifests().deleteTag(repo, tag("latest"))).isFalse();
        assertThat(store.manifests().deleteTag(repo("nowhere"), tag("v1"))).isFalse();
    }

    @Test
    void deletingATagInOneRepositoryLeavesTheSameTagInAnother() {
        putOk(manifest(repo("a"), "m"), List.of(), List.of(), tag("latest"));
        ManifestRecord inB = manifest(repo("b"), "m");
        putOk(inB, List.of(), List.of(), tag("latest"));

        store.manifests().deleteTag(repo("a"), tag("latest"));

        assertThat(store.manifests().resolve(repo("b"), tag("latest"))).hasValue(inB.digest());
    }

    // ---------------------------------------------------------------- tags

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 100})
    void tagsListInLexicalOrderPageByPage(int pageSize) {
        RepositoryName repo = repo("app");
        List<String> names = List.of("v1.10", "v1.2", "latest", "Latest", "_x", "1.0", "a-b", "a_b", "a.b", "Z", "z");
        ManifestRecord m = manifest(repo, "m");
        putOk(m, List.of(), List.of(), names.stream().map(Tag::new).toArray(Tag[]::new));
        List<String> sorted = names.stream().sorted(Tag.ORDER).toList();

        List<String> paged = collectPages(pageSize,
                (last, limit) -> store.manifests().tags(repo, last, limit).stream().map(Tag::value).toList());

        assertThat(paged).containsExactlyElementsOf(sorted);
    }

    @Test
    void tagListStartsStrictlyAfterLastEvenWhenLastIsNoTag() {
        RepositoryName repo = repo("app");
        putOk(manifest(repo, "m"), List.of(), List.of(), tag("a"), tag("b"), tag("c"));

        assertThat(store.manifests().tags(repo, "a", 10)).containsExactly(tag("b"), tag("c"));
        assertThat(store.manifests().tags(repo, "aa", 10)).containsExactly(tag("b"), tag("c"));
        assertThat(store.manifests().tags(repo, "c", 10)).isEmpty();
        assertThat(store.manifests().tags(repo, null, 0)).isEmpty();
    }

    @Test
    void tagsOfOtherRepositoriesNeverLeak() {
        putOk(manifest(repo("a"), "m"), List.of(), List.of(), tag("x"), tag("y"));
        putOk(manifest(repo("a/b"), "m"), List.of(), List.of(), tag("z"));
        putOk(manifest(repo("ab"), "m"), List.of(), List.of(), tag("w"));

        assertThat(store.manifests().tags(repo("a"), null, 10)).containsExactly(tag("x"), tag("y"));
        assertThat(store.manifests().tags(repo("a"), "x", 10)).containsExactly(tag("y"));
        assertThat(store.manifests().tags(repo("a/b"), null, 10)).containsExactly(tag("z"));
        assertThat(store.manifests().tags(repo("ab"), null, 10)).containsExactly(tag("w"));
        assertThat(store.manifests().tags(repo("nowhere"), null, 10)).isEmpty();
    }

    // ---------------------------------------------------------------- referrers

    @Test
    void referrersAreTheManifestsWithThatSubjectOrderedByDigest() {
        RepositoryName repo = repo("app");
        ManifestRecord subject = manifest(repo, "subject");
        putOk(subject, List.of(), List.of());
        List<ManifestRecord> referrers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ManifestRecord r = referrer(repo, subject.digest(), i % 2 == 0 ? SBOM : SIGNATURE,
                    Map.of("n", Integer.toString(i)), "referrer-" + i);
            putOk(r, List.of(), List.of());
            referrers.add(r);
        }
        putOk(referrer(repo, digest("another subject"), SBOM, Map.of(), "unrelated"), List.of(), List.of());
        putOk(manifest(repo, "no subject"), List.of(), List.of());

        List<Descriptor> listed = store.manifests().referrers(repo, subject.digest(), null, null, 100);

        assertThat(listed).containsExactlyElementsOf(referrers.stream()
                .sorted((x, y) -> x.digest().compareTo(y.digest()))
                .map(MetadataStoreContract::descriptorOf)
                .toList());
    }

    @Test
    void referrerDescriptorsCarryMediaTypeSizeArtifactTypeAndAnnotations() {
        RepositoryName repo = repo("app");
        Digest subject = digest("subject");
        Map<String, String> annotations = Map.of("org.opencontainers.image.created", "2025-01-01T00:00:00Z",
                "com.example.note", "caf\u00e9 \"quoted\" \\ {json}");
        ManifestRecord r = referrer(repo, subject, SBOM, annotations, "sbom");
        putOk(r, List.of(), List.of());

        Descriptor d = store.manifests().referrers(repo, subject, null, null, 10).getFirst();

        assertThat(d.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(d.digest()).isEqualTo(r.digest());
        assertThat(d.size()).isEqualTo(r.content().length);
        assertThat(d.artifactType()).isEqualTo(SBOM);
        assertThat(d.annotations()).isEqualTo(annotations);
    }

    @Test
    void aReferrerWithoutArtifactTypeOrAnnotationsIsListedWithoutThem() {
        RepositoryName repo = repo("app");
        Digest subject = digest("subject");
        ManifestRecord r = referrer(repo, subject, null, Map.of(), "bare");
        putOk(r, List.of(), List.of());

        assertThat(store.manifests().referrers(repo, subject, null, null, 10)).singleElement().satisfies(d -> {
            assertThat(d.artifactType()).isNull();
            assertThat(d.annotations()).isEmpty();
        });
        assertThat(store.manifests().referrers(repo, subject, SBOM, null, 10)).isEmpty();
    }

    @Test
    void referrersFilterByArtifactType() {
        RepositoryName repo = repo("app");
        Digest subject = digest("subject");
        ManifestRecord sbom1 = referrer(repo, subject, SBOM, Map.of(), "sbom-1");
        ManifestRecord sbom2 = referrer(repo, subject, SBOM, Map.of(), "sbom-2");
        ManifestRecord signature = referrer(repo, subject, SIGNATURE, Map.of(), "sig");
        for (ManifestRecord r : List.of(sbom1, sbom2, signature)) {
            putOk(r, List.of(), List.of());
        }

        assertThat(store.manifests().referrers(repo, subject, SBOM, null, 10)).extracting(Descriptor::digest)
                .containsExactlyElementsOf(Stream.of(sbom1, sbom2).map(ManifestRecord::digest).sorted().toList());
        assertThat(store.manifests().referrers(repo, subject, SIGNATURE, null, 10)).extracting(Descriptor::digest)
                .containsExactly(signature.digest());
        assertThat(store.manifests().referrers(repo, subject, "application/vnd.example.none", null, 10)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10})
    void referrersPageWithAfter(int pageSize) {
        RepositoryName repo = repo("app");
        Digest subject = digest("subject");
        List<Digest> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ManifestRecord r = referrer(repo, subject, i < 5 ? SBOM : SIGNATURE, Map.of(), "r" + i);
            putOk(r, List.of(), List.of());
            if (i < 5) {
                expected.add(r.digest());
            }
        }
        expected.sort(null);

        List<Digest> paged = new ArrayList<>();
        Digest after = null;
        for (int page = 0; page < 20; page++) {
            List<Descriptor> descriptors = store.manifests().referrers(repo, subject, SBOM, after, pageSize);
            assertThat(descriptors.size()).isLessThanOrEqualTo(pageSize);
            if (descriptors.isEmpty()) {
                break;
            }
            descriptors.forEach(d -> paged.add(d.digest()));
            after = descriptors.getLast().digest();
        }

        assertThat(paged).containsExactlyElementsOf(expected);
    }

    @Test
    void referrersStartStrictlyAfterAnyDigest() {
        RepositoryName repo = repo("app");
        Digest subject = digest("subject");
        List<Digest> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ManifestRecord r = referrer(repo, subject, SBOM, Map.of(), "r" + i);
            putOk(r, List.of(), List.of());
            all.add(r.digest());
        }
        all.sort(null);

        assertThat(store.manifests().referrers(repo, subject, null, all.get(1), 10)).extracting(Descriptor::digest)
                .containsExactlyElementsOf(all.subList(2, 4));
        assertThat(store.manifests().referrers(repo, subject, null, all.getLast(), 10)).isEmpty();
        assertThat(store.manifests().referrers(repo, subject, null, null, 0)).isEmpty();
    }

    @Test
    void aReferrerPushedBeforeItsSubjectIsListed() {
        RepositoryName repo = repo("app");
        ManifestRecord subject = manifest(repo, "subject, pushed later");
        ManifestRecord r = referrer(repo, subject.digest(), SBOM, Map.of(), "early");
        putOk(r, List.of(), List.of());

        assertThat(store.manifests().referrers(repo, subject.digest(), null, null, 10)).extracting(Descriptor::digest)
                .containsExactly(r.digest());

        putOk(subject, List.of(), List.of());
        assertThat(store.manifests().referrers(repo, subject.digest(), null, null, 10)).extracting(Descriptor::digest)
                .containsExactly(r.digest());
    }

    @Test
    void referrersInAnotherRepositoryAreNotListed() {
        Digest subject = digest("subject");
        ManifestRecord mine = referrer(repo("a"), subject, SBOM, Map.of(), "mine");
        ManifestRecord theirs = referrer(repo("b"), subject, SBOM, Map.of(), "theirs");
        putOk(mine, List.of(), List.of());
        putOk(theirs, List.of(), List.of());

        assertThat(store.manifests().referrers(repo("a"), subject, null, null, 10)).extracting(Descriptor::digest)
                .containsExactly(mine.digest());
        assertThat(store.manifests().referrers(repo("c"), subject, null, null, 10)).isEmpty();
    }

    @Test
    void aDeletedReferrerIsNoLongerListed() {
        RepositoryName repo = repo("app");
        Digest subject = digest("subject");
        ManifestRecord gone = referrer(repo, subject, SBOM, Map.of(), "gone");
        ManifestRecord stays = referrer(repo, subject, SBOM, Map.of(), "stays");
        putOk(gone, List.of(), List.of());
        putOk(stays, List.of(), List.of());

        store.manifests().delete(repo, gone.digest());

        assertThat(store.manifests().referrers(repo, subject, null, null, 10)).extracting(Descriptor::digest)
                .containsExactly(stays.digest());
    }

    // ---------------------------------------------------------------- uploads

    @Test
    void anUploadCanBeCreatedFoundAndDeleted() {
        UploadRecord upload = new UploadRecord("6f1c0b6e-upload", repo("app"), T0, T0.plusSeconds(1));
        store.uploads().create(upload);

        assertThat(store.uploads().find(upload.id())).hasValue(upload);
        assertThat(store.uploads().find("unknown")).isEmpty();
        assertThat(store.uploads().delete(upload.id())).isTrue();
        assertThat(store.uploads().find(upload.id())).isEmpty();
        assertThat(store.uploads().delete(upload.id())).isFalse();
    }

    @Test
    void anUploadIdInUseCannotBeCreatedAgain() {
        UploadRecord first = new UploadRecord("u1", repo("a"), T0, T0);
        store.uploads().create(first);

        assertThatThrownBy(() -> store.uploads().create(new UploadRecord("u1", repo("b"), T0, T0.plusSeconds(1))))
                .isInstanceOf(RuntimeException.class);
        assertThat(store.uploads().find("u1")).hasValue(first);
        assertThat(store.uploads().count()).isEqualTo(1);
    }

    @Test
    void touchRecordsActivityAndKeepsTheStart() {
        store.uploads().create(new UploadRecord("u1", repo("app"), T0, T0));
        Instant later = T0.plusSeconds(90);

        store.uploads().touch("u1", later);

        assertThat(store.uploads().find("u1")).hasValue(new UploadRecord("u1", repo("app"), T0, later));
    }

    @Test
    void touchingAnUnknownUploadDoesNothing() {
        store.uploads().create(new UploadRecord("u1", repo("app"), T0, T0));

        store.uploads().touch("unknown", T0.plusSeconds(5));

        assertThat(store.uploads().find("unknown")).isEmpty();
        assertThat(store.uploads().count()).isEqualTo(1);
        assertThat(store.uploads().find("u1")).map(UploadRecord::updatedAt).hasValue(T0);
    }

    @Test
    void anUploadHoldsItsFirstBytesOnceUntilReleasedOrDeleted() {
        store.uploads().create(new UploadRecord("u1", repo("app"), T0, T0));
        byte[] bytes = contentOf("first chunk");
        Instant later = T0.plusSeconds(5);

        assertThat(store.uploads().held("u1")).isEmpty();
        assertThat(store.uploads().hold("u1", bytes, later)).isTrue();

        assertThat(store.uploads().find("u1")).hasValue(new UploadRecord("u1", repo("app"), T0, later, bytes.length));
        assertThat(store.uploads().held("u1")).hasValueSatisfying(held -> assertThat(held).isEqualTo(bytes));
        assertThat(store.uploads().inactiveSince(T0.plusSeconds(60), 10)).extracting(UploadRecord::heldBytes)
                .containsExactly((long) bytes.length);
        assertThat(store.uploads().hold("u1", contentOf("other"), T0.plusSeconds(9))).as("holds once").isFalse();
        assertThat(store.uploads().held("u1")).hasValueSatisfying(held -> assertThat(held).isEqualTo(bytes));
        assertThat(store.uploads().hold("unknown", bytes, later)).isFalse();
        assertThat(store.uploads().held("unknown")).isEmpty();

        store.uploads().release("u1");

        assertThat(store.uploads().held("u1")).isEmpty();
        assertThat(store.uploads().find("u1")).map(UploadRecord::heldBytes).hasValue(0L);
        store.uploads().release("unknown");

        assertThat(store.uploads().hold("u1", bytes, later)).isTrue();
        assertThat(store.uploads().delete("u1")).isTrue();
        assertThat(store.uploads().held("u1")).isEmpty();
    }

    @Test
    void inactiveUploadsListOldestFirstUpToTheLimit() {
        for (int i = 0; i < 5; i++) {
            // Created in an order unlike their activity, so the order can only come from updatedAt.
            int minutes = (i * 3) % 5;
            store.uploads().create(new UploadRecord("u" + minutes, repo("app"), T0,
                    T0.plusSeconds(60L * minutes)));
        }
        Instant cutoff = T0.plusSeconds(60L * 3);

        assertThat(store.uploads().inactiveSince(cutoff, 10)).extracting(UploadRecord::id)
                .containsExactly("u0", "u1", "u2");
        assertThat(store.uploads().inactiveSince(cutoff, 2)).extracting(UploadRecord::id)
                .containsExactly("u0", "u1");
        assertThat(store.uploads().inactiveSince(T0, 10)).isEmpty();
        assertThat(store.uploads().inactiveSince(cutoff, 0)).isEmpty();

        store.uploads().touch("u0", T0.plusSeconds(60L * 10));
        assertThat(store.uploads().inactiveSince(cutoff, 10)).extracting(UploadRecord::id)
                .containsExactly("u1", "u2");
    }

    @Test
    void countCountsOpenUploads() {
        assertThat(store.uploads().count()).isZero();
        store.uploads().create(new UploadRecord("u1", repo("a"), T0, T0));
        store.uploads().create(new UploadRecord("u2", repo("b"), T0, T0));
        assertThat(store.uploads().count()).isEqualTo(2);
        store.uploads().delete("u1");
        assertThat(store.uploads().count()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- misuse

    @Test
    void aNegativeLimitIsACallerBug() {
        assertThatThrownBy(() -> store.repositories().list(null, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.manifests().tags(repo("app"), null, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A closed store behaves as an unavailable backend: calls fail with a {@link MetadataException} instead of
     * answering or writing, and closing it again is harmless.
     */
    @Test
    void aClosedStoreRefusesWork() {
        store.close();
        store.close();

        assertThatThrownBy(() -> store.repositories().list(null, 10)).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.blobs().link(repo("app"), digest("x"), 1))
                .isInstanceOf(MetadataException.class);
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentPutsAllSucceedAndEndConsistent() throws Exception {
        int threads = 8;
        int perThread = 50;
        int sharedTags = 4;
        RepositoryName repo = repo("busy");
        Digest layer = linkedBlob(repo, "layer");
        List<Set<Digest>> taggedWith = new ArrayList<>();
        for (int s = 0; s < sharedTags; s++) {
            taggedWith.add(ConcurrentHashMap.newKeySet());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<ManifestRecord>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<ManifestRecord>> work = () -> {
                    start.await();
                    List<ManifestRecord> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        ManifestRecord m = manifest(repo, "t" + thread + "-" + i);
                        int shared = (thread + i) % sharedTags;
                        // Recorded before the put so that whichever put wins last is in the set.
                        taggedWith.get(shared).add(m.digest());
                        Set<Digest> missing = store.manifests().put(m, List.of(layer), List.of(),
                                List.of(tag("own-" + thread + "-" + i), tag("shared-" + shared)));
                        assertThat(missing).isEmpty();
                        assertThat(store.manifests().resolve(repo, tag("own-" + thread + "-" + i)))
                                .hasValue(m.digest());
                        mine.add(m);
                    }
                    return mine;
                };
                futures.add(pool.submit(work));
            }
            start.countDown();
            List<ManifestRecord> all = new ArrayList<>();
            for (Future<List<ManifestRecord>> future : futures) {
                all.addAll(future.get(120, TimeUnit.SECONDS));
            }

            assertThat(all).hasSize(threads * perThread);
            for (ManifestRecord m : all) {
                assertThat(store.manifests().find(repo, m.digest())).map(ManifestRecord::content)
                        .hasValue(m.content());
            }
            Set<String> expectedTags = new HashSet<>();
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    String own = "own-" + t + "-" + i;
                    expectedTags.add(own);
                    assertThat(store.manifests().resolve(repo, tag(own)))
                            .hasValue(manifest(repo, "t" + t + "-" + i).digest());
                }
            }
            for (int s = 0; s < sharedTags; s++) {
                expectedTags.add("shared-" + s);
                assertThat(store.manifests().resolve(repo, tag("shared-" + s))).get().isIn(taggedWith.get(s));
            }
            List<String> listed = collectPages(64,
                    (last, limit) -> store.manifests().tags(repo, last, limit).stream().map(Tag::value).toList());
            assertThat(listed).containsExactlyElementsOf(expectedTags.stream().sorted(Tag.ORDER).toList());
            assertThat(store.repositories().list(null, 10)).containsExactly(repo);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- persistence

    @Test
    void everythingSurvivesAReopen() throws Exception {
        RepositoryName repo = repo("library/app");
        Digest layer = linkedBlob(repo, "layer");
        ManifestRecord m = manifest(repo, "image");
        putOk(m, List.of(layer), List.of(), tag("latest"));
        ManifestRecord index = index(repo, "index");
        putOk(index, List.of(), List.of(m.digest()), tag("multi"));
        ManifestRecord r = referrer(repo, m.digest(), SBOM, Map.of("k", "v"), "sbom");
        putOk(r, List.of(), List.of());
        UploadRecord upload = new UploadRecord("u1", repo, T0, T0.plusSeconds(3));
        store.uploads().create(upload);

        store = reopen(store);

        assertThat(store.repositories().list(null, 10)).containsExactly(repo);
        assertThat(store.blobs().findLinked(repo, layer)).map(BlobRecord::size).hasValue((long) contentOf("layer")
                .length);
        assertThat(store.manifests().find(repo, m.digest())).map(ManifestRecord::content).hasValue(m.content());
        assertThat(store.manifests().resolve(repo, tag("latest"))).hasValue(m.digest());
        assertThat(store.manifests().resolve(repo, tag("multi"))).hasValue(index.digest());
        assertThat(store.manifests().referrers(repo, m.digest(), null, null, 10))
                .containsExactly(descriptorOf(r));
        assertThat(store.uploads().find("u1")).hasValue(upload);
        // References survived too: the index still counts its child as present.
        assertThat(store.manifests().put(index, List.of(), List.of(m.digest()), List.of())).isEmpty();
    }

    @Test
    void deletionsSurviveAReopen() throws Exception {
        RepositoryName repo = repo("app");
        ManifestRecord m = manifest(repo, "m");
        putOk(m, List.of(), List.of(), tag("latest"), tag("v1"));
        store.manifests().deleteTag(repo, tag("v1"));
        ManifestRecord gone = manifest(repo, "gone");
        putOk(gone, List.of(), List.of(), tag("old"));
        store.manifests().delete(repo, gone.digest());

        store = reopen(store);

        assertThat(store.manifests().tags(repo, null, 10)).containsExactly(tag("latest"));
        assertThat(store.manifests().find(repo, gone.digest())).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    protected static RepositoryName repo(String name) {
        return RepositoryName.parse(name);
    }

    protected static Tag tag(String name) {
        return Tag.parse(name);
    }

    protected static byte[] contentOf(String seed) {
        return ("{\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    protected static Digest digest(String seed) {
        return Digest.of(DigestAlgorithm.SHA256, contentOf(seed));
    }

    /** Links a blob made from {@code seed} to {@code repository} and returns its digest. */
    protected Digest linkedBlob(RepositoryName repository, String seed) {
        Digest digest = digest(seed);
        store.blobs().link(repository, digest, contentOf(seed).length);
        return digest;
    }

    protected static ManifestRecord manifest(RepositoryName repository, String seed) {
        return record(repository, MediaTypes.OCI_MANIFEST, "{\"schemaVersion\":2,\"config\":\"" + seed + "\"}",
                null, null, Map.of());
    }

    protected static ManifestRecord index(RepositoryName repository, String seed) {
        return record(repository, MediaTypes.OCI_INDEX, "{\"schemaVersion\":2,\"manifests\":\"" + seed + "\"}",
                null, null, Map.of());
    }

    protected static ManifestRecord referrer(RepositoryName repository, Digest subject, String artifactType,
                                             Map<String, String> annotations, String seed) {
        return record(repository, MediaTypes.OCI_MANIFEST,
                "{\"schemaVersion\":2,\"subject\":\"" + subject + "\",\"seed\":\"" + seed + "\"}",
                artifactType, subject, annotations);
    }

    private static ManifestRecord record(RepositoryName repository, String mediaType, String json,
                                         String artifactType, Digest subject, Map<String, String> annotations) {
        byte[] content = json.getBytes(StandardCharsets.UTF_8);
        return new ManifestRecord(repository, Digest.of(DigestAlgorithm.SHA256, content), mediaType, content,
                artifactType, subject, annotations, T0);
    }

    // ---------------------------------------------------------------- claims, mounts and garbage collection

    /** A cutoff after everything the test wrote, so every record counts as old. */
    private static Instant afterEverything() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    /** A cutoff before everything the test wrote: the grace period protects it all. */
    private static Instant beforeEverything() {
        return Instant.now().minus(Duration.ofHours(1));
    }

    @Test
    void aClaimedBlobIsLinkedWithItsGeneration() {
        RepositoryName repo = repo("claims/one");
        Digest blob = digest("claimed");

        long generation = store.blobs().claim(blob, 7).orElseThrow();

        assertThat(store.blobs().find(blob)).map(BlobRecord::size).hasValue(7L);
        assertThat(store.blobs().findLinked(repo, blob)).as("claimed, not yet linked").isEmpty();
        assertThat(store.blobs().linkClaimed(repo, blob, generation + 1)).as("another generation").isFalse();
        assertThat(store.blobs().linkClaimed(repo, blob, generation)).isTrue();
        assertThat(store.blobs().findLinked(repo, blob)).isPresent();
        assertThat(store.blobs().claim(blob, 7)).as("claiming again keeps the generation").hasValue(generation);
    }

    // ---------------------------------------------------------------- blobs kept inline

    @Test
    void anInlineBlobKeepsItsBytesAndSaysSoWhereverItIsLookedUp() {
        RepositoryName repo = repo("inline/one");
        Digest blob = digest("inline");
        byte[] content = contentOf("inline");

        long generation = store.blobs().claimInline(blob, content).orElseThrow();
        assertThat(store.blobs().linkClaimed(repo, blob, generation)).isTrue();

        assertThat(store.blobs().content(blob)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content));
        assertThat(store.blobs().findLinked(repo, blob)).hasValue(
                new BlobRecord(blob, content.length, store.blobs().find(blob).orElseThrow().createdAt(), true));
        assertThat(store.blobs().find(blob)).map(BlobRecord::inline).hasValue(true);
        assertThat(store.scrub().leastRecentlyVerified(10)).extracting(BlobRecord::inline).containsExactly(true);
        assertThat(store.blobs().claimInline(blob, content)).as("claiming again keeps the generation")
                .hasValue(generation);
        assertThat(store.blobs().claim(blob, content.length)).hasValue(generation);
        assertThat(store.blobs().content(blob)).as("a claim of a sound blob leaves its bytes").isPresent();
    }

    @Test
    void aBlobStoredElsewhereHasNoInlineBytesUntilAnInlineClaimGivesItSome() {
        RepositoryName repo = repo("inline/elsewhere");
        Digest blob = linkedBlob(repo, "elsewhere");

        assertThat(store.blobs().content(blob)).isEmpty();
        assertThat(store.blobs().content(digest("unknown"))).isEmpty();
        assertThat(store.blobs().findLinked(repo, blob)).map(BlobRecord::inline).hasValue(false);
        assertThat(store.scrub().leastRecentlyVerified(10)).extracting(BlobRecord::inline).containsExactly(false);

        store.blobs().claimInline(blob, contentOf("elsewhere")).orElseThrow();

        assertThat(store.blobs().findLinked(repo, blob)).map(BlobRecord::inline).hasValue(true);
        assertThat(store.blobs().content(blob)).hasValueSatisfying(
                bytes -> assertThat(bytes).isEqualTo(contentOf("elsewhere")));
    }

    @Test
    void inlineBytesOfACorruptBlobAreReplacedByAnInlineClaimAndDroppedByAnyOther() {
        RepositoryName repo = repo("inline/corrupt");
        Digest blob = digest("corrupt");
        byte[] sound = contentOf("corrupt");
        byte[] rotten = sound.clone();
        rotten[0] ^= 1;
        store.blobs().linkClaimed(repo, blob, store.blobs().claimInline(blob, rotten).orElseThrow());

        assertThat(store.blobs().claimInline(blob, sound)).isPresent();
        assertThat(store.blobs().content(blob)).as("a sound blob keeps the bytes it has")
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(rotten));

        store.scrub().corrupt(blob, T0);
        store.blobs().claimInline(blob, sound).orElseThrow();
        assertThat(store.blobs().content(blob)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(sound));

        store.blobs().claim(blob, sound.length).orElseThrow();
        assertThat(store.blobs().content(blob)).as("the push stores its bytes elsewhere").isEmpty();
        assertThat(store.blobs().find(blob)).map(BlobRecord::inline).hasValue(false);
    }

    @Test
    void condemningAnInlineBlobTakesItsBytesAndRefusesInlineClaimsUntilBuried() {
        Digest blob = digest("inline-garbage");
        byte[] content = contentOf("inline-garbage");
        store.blobs().claimInline(blob, content).orElseThrow();

        assertThat(store.garbage().condemn(List.of(blob), afterEverything())).extracting(BlobRecord::digest)
                .containsExactly(blob);

        assertThat(store.blobs().content(blob)).isEmpty();
        assertThat(store.blobs().claimInline(blob, content)).as("its bytes are being deleted").isEmpty();
        assertThat(store.blobs().find(blob)).as("a refused claim writes nothing").isEmpty();
        store.garbage().bury(List.of(blob));
        assertThat(store.blobs().claimInline(blob, content)).isPresent();
        assertThat(store.blobs().content(blob)).isPresent();
    }

    @Test
    void inlineBytesSurviveAReopen() throws Exception {
        RepositoryName repo = repo("inline/durable");
        Digest blob = digest("durable");
        store.blobs().linkClaimed(repo, blob, store.blobs().claimInline(blob, contentOf("durable")).orElseThrow());

        store = reopen(store);

        assertThat(store.blobs().findLinked(repo, blob)).map(BlobRecord::inline).hasValue(true);
        assertThat(store.blobs().content(blob)).hasValueSatisfying(
                bytes -> assertThat(bytes).isEqualTo(contentOf("durable")));
    }

    @Test
    void aMountLinksWhatTheSourceHasAndNothingElse() {
        RepositoryName source = repo("mounts/source");
        RepositoryName target = repo("mounts/target");
        Digest blob = linkedBlob(source, "mounted");

        assertThat(store.blobs().mount(target, repo("mounts/elsewhere"), blob)).isFalse();
        assertThat(store.blobs().mount(target, source, digest("not-there"))).isFalse();
        assertThat(store.blobs().findLinked(target, blob)).isEmpty();

        assertThat(store.blobs().mount(target, source, blob)).isTrue();
        assertThat(store.blobs().findLinked(target, blob)).isPresent();
    }

    @Test
    void linksNoManifestOfTheirRepositoryReferencesArePrunedOnceOld() {
        RepositoryName repo = repo("gc/prune");
        RepositoryName other = repo("gc/other");
        Digest loose = linkedBlob(repo, "loose");
        Digest used = linkedBlob(repo, "used");
        linkedBlob(other, "used");
        putOk(manifest(repo, "m"), List.of(used), List.of());

        assertThat(store.garbage().countPrunableLinks(beforeEverything())).isZero();
        assertThat(store.garbage().pruneLinks(beforeEverything(), 100)).isZero();
        assertThat(store.garbage().countPrunableLinks(afterEverything())).as("loose in repo, used in other")
                .isEqualTo(2);

        assertThat(store.garbage().pruneLinks(afterEverything(), 100)).isEqualTo(2);

        assertThat(store.blobs().findLinked(repo, loose)).isEmpty();
        assertThat(store.blobs().findLinked(repo, used)).as("its manifest references it").isPresent();
        assertThat(store.blobs().findLinked(other, used)).as("no manifest of its own repository").isEmpty();
        assertThat(store.garbage().countPrunableLinks(afterEverything())).isZero();
    }

    @Test
    void pruningStopsAtItsLimit() {
        RepositoryName repo = repo("gc/limit");
        for (int i = 0; i < 5; i++) {
            linkedBlob(repo, "b" + i);
        }

        assertThat(store.garbage().pruneLinks(afterEverything(), 2)).isEqualTo(2);
        assertThat(store.garbage().countPrunableLinks(afterEverything())).isEqualTo(3);
    }

    @Test
    void collectableBlobsAreTheOldOnesNoManifestReferences() {
        RepositoryName repo = repo("gc/collectable");
        Digest loose = linkedBlob(repo, "loose");
        Digest shared = linkedBlob(repo, "shared");
        linkedBlob(repo("gc/collectable-too"), "shared");
        Digest used = linkedBlob(repo, "used");
        putOk(manifest(repo, "m"), List.of(used), List.of());

        assertThat(store.garbage().collectable(beforeEverything(), null, 100)).isEmpty();
        List<BlobRecord> collectable = store.garbage().collectable(afterEverything(), null, 100);

        assertThat(collectable).extracting(BlobRecord::digest).containsExactlyElementsOf(
                Stream.of(loose, shared).sorted(Comparator.comparing(Digest::toString)).toList());
        assertThat(store.garbage().collectable(afterEverything(), collectable.getFirst().digest(), 100))
                .extracting(BlobRecord::digest).containsExactly(collectable.getLast().digest());
    }

    @Test
    void condemningRemovesRecordsLeavesTombstonesAndRefusesClaimsUntilBuried() {
        RepositoryName repo = repo("gc/condemn");
        Digest loose = linkedBlob(repo, "loose");
        Digest used = linkedBlob(repo, "used");
        putOk(manifest(repo, "m"), List.of(used), List.of());

        assertThat(store.garbage().condemn(List.of(loose), afterEverything())).as("still linked").isEmpty();
        store.garbage().pruneLinks(afterEverything(), 100);
        assertThat(store.garbage().condemn(List.of(loose), beforeEverything())).as("within grace").isEmpty();

        List<BlobRecord> condemned = store.garbage().condemn(List.of(loose, used), afterEverything());

        assertThat(condemned).extracting(BlobRecord::digest).containsExactly(loose);
        assertThat(condemned.getFirst().size()).isEqualTo(contentOf("loose").length);
        assertThat(store.blobs().find(loose)).isEmpty();
        assertThat(store.blobs().find(used)).isPresent();
        assertThat(store.garbage().tombstones(10)).extracting(BlobRecord::digest).containsExactly(loose);
        assertThat(store.blobs().claim(loose, 5)).as("its bytes are being deleted").isEmpty();
        assertThat(store.blobs().link(repo, loose, 5)).isFalse();
        assertThat(store.blobs().find(loose)).as("a refused claim writes nothing").isEmpty();

        store.garbage().bury(List.of(loose));

        assertThat(store.garbage().tombstones(10)).isEmpty();
        assertThat(store.blobs().claim(loose, 5)).isPresent();
    }

    @Test
    void aClaimWhoseBlobWasCollectedMeanwhileCannotBeLinked() {
        RepositoryName repo = repo("gc/lost-claim");
        Digest blob = digest("lost");
        long generation = store.blobs().claim(blob, 4).orElseThrow();
        assertThat(store.garbage().condemn(List.of(blob), afterEverything())).hasSize(1);
        store.garbage().bury(List.of(blob));
        long again = store.blobs().claim(blob, 4).orElseThrow();

        assertThat(store.blobs().linkClaimed(repo, blob, generation)).as("the collected generation").isFalse();
        assertThat(store.blobs().linkClaimed(repo, blob, again)).isTrue();
    }

    @Test
    void aBlobIsNeverBothLinkedAndCondemnedWhateverTheInterleaving() throws Exception {
        RepositoryName repo = repo("gc/race");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 40; round++) {
                Digest blob = digest("race-" + round);
                CountDownLatch start = new CountDownLatch(1);
                Future<Boolean> push = pool.submit(() -> {
                    start.await();
                    OptionalLong generation = store.blobs().claim(blob, 1);
                    return generation.isPresent() && store.blobs().linkClaimed(repo, blob, generation.getAsLong());
                });
                Future<List<BlobRecord>> collect = pool.submit(() -> {
                    start.await();
                    return store.garbage().condemn(List.of(blob), afterEverything());
                });
                start.countDown();
                boolean linked = push.get(30, TimeUnit.SECONDS);
                boolean condemned = !collect.get(30, TimeUnit.SECONDS).isEmpty();
                assertThat(linked && condemned).as("round %d: linked %s, condemned %s", round, linked, condemned)
                        .isFalse();
                if (linked) {
                    assertThat(store.blobs().findLinked(repo, blob)).isPresent();
                    assertThat(store.garbage().tombstones(1000)).extracting(BlobRecord::digest).doesNotContain(blob);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tombstonesSurviveReopening() throws Exception {
        Digest blob = digest("kept-tombstone");
        store.blobs().claim(blob, 3);
        store.garbage().condemn(List.of(blob), afterEverything());

        store = reopen(store);

        assertThat(store.garbage().tombstones(10)).extracting(BlobRecord::digest).containsExactly(blob);
    }

    // ---------------------------------------------------------------- scrub

    @Test
    void blobsAreVerifiedLeastRecentlyVerifiedFirst() {
        RepositoryName repo = repo("scrub/order");
        Digest a = linkedBlob(repo, "a");
        Digest b = linkedBlob(repo, "b");
        Digest c = linkedBlob(repo, "c");
        List<Digest> neverVerified = Stream.of(a, b, c).sorted(Comparator.comparing(Digest::toString)).toList();
        assertThat(store.scrub().leastRecentlyVerified(10)).extracting(BlobRecord::digest)
                .containsExactlyElementsOf(neverVerified);

        store.scrub().verified(neverVerified.get(0), T0.plusSeconds(20));
        store.scrub().verified(neverVerified.get(1), T0.plusSeconds(10));

        assertThat(store.scrub().leastRecentlyVerified(10)).extracting(BlobRecord::digest)
                .containsExactly(neverVerified.get(2), neverVerified.get(1), neverVerified.get(0));
        assertThat(store.scrub().leastRecentlyVerified(1)).hasSize(1);
    }

    @Test
    void aCorruptBlobIsServedByNoRepositoryUntilVerifiedAgain() {
        RepositoryName repo = repo("scrub/corrupt");
        RepositoryName other = repo("scrub/other");
        Digest blob = linkedBlob(repo, "rotten");
        Digest sound = linkedBlob(repo, "sound");

        store.scrub().corrupt(blob, T0);

        assertThat(store.scrub().isCorrupt(blob)).isTrue();
        assertThat(store.scrub().isCorrupt(sound)).isFalse();
        assertThat(store.blobs().findLinked(repo, blob)).isEmpty();
        assertThat(store.blobs().findLinked(repo, sound)).isPresent();
        assertThat(store.blobs().mount(other, repo, blob)).as("not mountable either").isFalse();
        assertThat(store.scrub().countCorrupt()).isEqualTo(1);
        assertThat(store.scrub().corruptBlobs(10)).singleElement().satisfies(found -> {
            assertThat(found.digest()).isEqualTo(blob);
            assertThat(found.createdAt()).isEqualTo(T0);
        });
        store.scrub().corrupt(blob, T0.plusSeconds(5));
        assertThat(store.scrub().corruptBlobs(10).getFirst().createdAt()).as("first finding kept").isEqualTo(T0);

        store.scrub().verified(blob, T0.plusSeconds(60));

        assertThat(store.scrub().isCorrupt(blob)).isFalse();
        assertThat(store.blobs().findLinked(repo, blob)).isPresent();
        assertThat(store.scrub().countCorrupt()).isZero();
    }

    // ---------------------------------------------------------------- leases

    @Test
    void aFreeLeaseIsTakenAndShowsItsHolderAndExpiry() {
        assertThat(store.leases().find("job")).isEmpty();

        assertThat(store.leases().acquire("job", "node-a", T0, Duration.ofMinutes(1))).isTrue();

        assertThat(store.leases().find("job")).hasValue(new Lease("job", "node-a", T0.plusSeconds(60)));
    }

    @Test
    void aHeldLeaseIsRefusedToOthersUntilItLapses() {
        store.leases().acquire("job", "node-a", T0, Duration.ofMinutes(1));

        assertThat(store.leases().acquire("job", "node-b", T0.plusSeconds(59), Duration.ofMinutes(1))).isFalse();
        assertThat(store.leases().find("job").orElseThrow().holder()).isEqualTo("node-a");

        assertThat(store.leases().acquire("job", "node-b", T0.plusSeconds(60), Duration.ofMinutes(1)))
                .as("lapsed exactly at its expiry").isTrue();
        assertThat(store.leases().find("job")).hasValue(new Lease("job", "node-b", T0.plusSeconds(120)));
    }

    @Test
    void theHolderRenewsItsLease() {
        store.leases().acquire("job", "node-a", T0, Duration.ofMinutes(1));

        assertThat(store.leases().acquire("job", "node-a", T0.plusSeconds(30), Duration.ofMinutes(1))).isTrue();

        assertThat(store.leases().find("job").orElseThrow().expiresAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(store.leases().acquire("job", "node-b", T0.plusSeconds(80), Duration.ofMinutes(1))).isFalse();
    }

    @Test
    void onlyTheHolderReleasesALease() {
        store.leases().acquire("job", "node-a", T0, Duration.ofMinutes(1));

        assertThat(store.leases().release("job", "node-b")).isFalse();
        assertThat(store.leases().find("job")).isPresent();
        assertThat(store.leases().release("job", "node-a")).isTrue();
        assertThat(store.leases().find("job")).isEmpty();
        assertThat(store.leases().acquire("job", "node-b", T0, Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void leasesOfDifferentNamesAreIndependent() {
        assertThat(store.leases().acquire("gc", "node-a", T0, Duration.ofMinutes(1))).isTrue();
        assertThat(store.leases().acquire("scrub", "node-b", T0, Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void aLeaseMustLastAPositiveDuration() {
        assertThatThrownBy(() -> store.leases().acquire("job", "node-a", T0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofManyHoldersAskingAtOnceExactlyOneGetsAFreeLease() throws Exception {
        int holders = 8;
        for (int round = 0; round < 20; round++) {
            String name = "race-" + round;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(holders);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int h = 0; h < holders; h++) {
                    String holder = "node-" + h;
                    results.add(pool.submit(() -> {
                        start.await();
                        return store.leases().acquire(name, holder, T0, Duration.ofMinutes(1));
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> result : results) {
                    winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void leasesSurviveReopening() throws Exception {
        store.leases().acquire("job", "node-a", T0, Duration.ofMinutes(1));

        store = reopen(store);

        assertThat(store.leases().find("job")).hasValue(new Lease("job", "node-a", T0.plusSeconds(60)));
    }

    // ---------------------------------------------------------------- access control: users

    private static final String HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

    @Test
    void aUserIsCreatedFoundAndCounted() {
        UserRecord alice = new UserRecord("alice", HASH, true, false, T0, T0.plusSeconds(1));
        assertThat(store.users().count()).isZero();

        assertThat(store.users().create(alice)).isTrue();

        assertThat(store.users().find("alice")).hasValue(alice);
        assertThat(store.users().find("Alice")).as("names compare exactly").isEmpty();
        assertThat(store.users().find("bob")).isEmpty();
        assertThat(store.users().count()).isEqualTo(1);
    }

    @Test
    void aTakenUsernameIsRefusedAndTheFirstUserKept() {
        UserRecord first = user("alice");
        store.users().create(first);

        assertThat(store.users().create(new UserRecord("alice", "other", true, true, T0.plusSeconds(5),
                T0.plusSeconds(5)))).isFalse();

        assertThat(store.users().find("alice")).hasValue(first);
        assertThat(store.users().count()).isEqualTo(1);
    }

    @Test
    void ofManyCreatingTheSameUserAtOnceExactlyOneSucceeds() throws Exception {
        int creators = 8;
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        try {
            for (int round = 0; round < 10; round++) {
                String name = "racer-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < creators; t++) {
                    UserRecord candidate = new UserRecord(name, "hash-" + t, false, false, T0, T0);
                    results.add(pool.submit(() -> {
                        start.await();
                        return store.users().create(candidate);
                    }));
                }
                start.countDown();
                List<String> winners = new ArrayList<>();
                for (int t = 0; t < creators; t++) {
                    if (results.get(t).get(30, TimeUnit.SECONDS)) {
                        winners.add("hash-" + t);
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(store.users().find(name)).map(UserRecord::passwordHash).hasValue(winners.getFirst());
            }
            assertThat(store.users().count()).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 100})
    void usersListInLexicalOrderPageByPage(int pageSize) {
        List<String> names = List.of("bob", "Bob", "alice", "a-b", "a.b", "a_b", "a0", "z", "Z", "_x", "jos\u00e9",
                "jose", "\u4e2d", "\uff41", "0", "a b");
        for (String name : names) {
            assertThat(store.users().create(user(name))).isTrue();
        }

        List<String> paged = collectPages(pageSize,
                (after, limit) -> store.users().list(after, limit).stream().map(UserRecord::username).toList());

        assertThat(paged).containsExactlyElementsOf(names.stream().sorted().toList());
    }

    @Test
    void userListStartsStrictlyAfterEvenWhenAfterIsNoUser() {
        for (String name : List.of("a", "b", "c")) {
            store.users().create(user(name));
        }

        assertThat(store.users().list("a", 10)).extracting(UserRecord::username).containsExactly("b", "c");
        assertThat(store.users().list("aa", 10)).extracting(UserRecord::username).containsExactly("b", "c");
        assertThat(store.users().list("c", 10)).isEmpty();
        assertThat(store.users().list(null, 0)).isEmpty();
        assertThat(store.users().list(null, 2)).extracting(UserRecord::username).containsExactly("a", "b");
    }

    @Test
    void changingAUserChangesOnlyThatAndItsUpdateTime() {
        store.users().create(user("alice"));
        store.users().create(user("bob"));

        assertThat(store.users().setPasswordHash("alice", "new-hash", T0.plusSeconds(10))).isTrue();
        assertThat(store.users().find("alice"))
                .hasValue(new UserRecord("alice", "new-hash", false, false, T0, T0.plusSeconds(10)));

        assertThat(store.users().setDisabled("alice", true, T0.plusSeconds(20))).isTrue();
        assertThat(store.users().find("alice"))
                .hasValue(new UserRecord("alice", "new-hash", false, true, T0, T0.plusSeconds(20)));

        assertThat(store.users().setAdministrator("alice", true, T0.plusSeconds(30))).isTrue();
        assertThat(store.users().find("alice"))
                .hasValue(new UserRecord("alice", "new-hash", true, true, T0, T0.plusSeconds(30)));

        assertThat(store.users().setDisabled("alice", false, T0.plusSeconds(40))).isTrue();
        assertThat(store.users().setAdministrator("alice", false, T0.plusSeconds(50))).isTrue();
        assertThat(store.users().find("alice"))
                .hasValue(new UserRecord("alice", "new-hash", false, false, T0, T0.plusSeconds(50)));
        assertThat(store.users().find("bob")).as("untouched").hasValue(user("bob"));
    }

    @Test
    void changingAnUnknownUserReportsFalseAndCreatesNothing() {
        assertThat(store.users().setPasswordHash("ghost", "hash", T0)).isFalse();
        assertThat(store.users().setDisabled("ghost", true, T0)).isFalse();
        assertThat(store.users().setAdministrator("ghost", true, T0)).isFalse();
        assertThat(store.users().delete("ghost")).isFalse();

        assertThat(store.users().count()).isZero();
        assertThat(store.users().find("ghost")).isEmpty();
    }

    @Test
    void aPasswordHashMustBeStorable() {
        store.users().create(user("alice"));

        for (String bad : List.of("", "hash\u0000", "hash\n", "x".repeat(UserRecord.MAX_HASH_LENGTH + 1))) {
            assertThatThrownBy(() -> store.users().setPasswordHash("alice", bad, T0.plusSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.users().setPasswordHash("alice", "s3cret\u0000", T0.plusSeconds(1)))
                .as("the refusal never quotes the hash").hasMessageNotContaining("s3cret");

        assertThat(store.users().find("alice")).hasValue(user("alice"));
    }

    @Test
    void deletingAUserRemovesItsMembershipsGrantsAndRulesAndNothingElse() {
        store.users().create(user("alice"));
        store.users().create(user("bob"));
        store.namespaces().create(namespace("team-a"));
        store.users().addMember("devs", "alice");
        store.users().addMember("devs", "bob");
        store.namespaces().grant(new Grant("team-a", PrincipalKind.USER, "alice", Role.DEVELOPER));
        store.namespaces().grant(new Grant("team-a", PrincipalKind.USER, "bob", Role.READER));
        store.namespaces().grant(new Grant("team-a", PrincipalKind.GROUP, "alice", Role.ADMIN));
        store.namespaces().addRule(new RepositoryRule("team-a", "team-a/secret", PrincipalKind.USER, "alice", null));
        long bobsRule = store.namespaces().addRule(new RepositoryRule("team-a", "team-a/*", PrincipalKind.USER, "bob",
                Role.MAINTAINER)).orElseThrow();

        assertThat(store.users().delete("alice")).isTrue();

        assertThat(store.users().find("alice")).isEmpty();
        assertThat(store.users().count()).isEqualTo(1);
        assertThat(store.users().groupsOf("alice")).isEmpty();
        assertThat(store.users().members("devs", null, 10)).containsExactly("bob");
        assertThat(store.namespaces().grantsOf(PrincipalKind.USER, "alice")).isEmpty();
        assertThat(store.namespaces().grants("team-a")).as("the group named alice is not the user").containsExactly(
                new Grant("team-a", PrincipalKind.USER, "bob", Role.READER),
                new Grant("team-a", PrincipalKind.GROUP, "alice", Role.ADMIN));
        assertThat(store.namespaces().rules("team-a")).extracting(RepositoryRule::id).containsExactly(bobsRule);
        assertThat(store.users().delete("alice")).isFalse();

        // A new user of the same name inherits nothing.
        store.users().create(user("alice"));
        assertThat(store.users().groupsOf("alice")).isEmpty();
        assertThat(store.namespaces().grantsOf(PrincipalKind.USER, "alice")).isEmpty();
    }

    @Test
    void aUserRecordNeverShowsItsPasswordHash() {
        UserRecord alice = user("alice");
        store.users().create(alice);

        assertThat(alice.toString()).contains("alice").doesNotContain(HASH).doesNotContain("c2FsdHNhbHQ");
        assertThat(store.users().find("alice").orElseThrow().toString()).doesNotContain(HASH);
        assertThat(store.users().list(null, 10).toString()).doesNotContain(HASH);
    }

    @Test
    void namesMustBeStorableEverywhere() {
        List<String> bad = List.of("", "a\u0000b", "a\nb", "tab\t", "smile\uD83D\uDE00", "lone\uD800",
                "x".repeat(Names.MAX_LENGTH + 1));
        for (String name : bad) {
            assertThat(Names.isValid(name)).as("%s", name).isFalse();
            assertThatThrownBy(() -> user(name)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> robot(name)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Grant("team-a", PrincipalKind.GROUP, name, Role.READER))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.users().addMember(name, "alice"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Names.isValid("x".repeat(Names.MAX_LENGTH))).isTrue();
        assertThat(Names.isValid("Jos\u00e9 O'Brien")).isTrue();
        assertThatThrownBy(() -> user(null)).isInstanceOf(NullPointerException.class);

        for (String namespace : List.of("Team-A", "team-a/", "/team-a", "team a", "")) {
            assertThatThrownBy(() -> namespace(namespace)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Grant(namespace, PrincipalKind.USER, "alice", Role.READER))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(namespace("org/team-a.b").name()).isEqualTo("org/team-a.b");
        assertThat(store.users().count()).isZero();
    }

    @Test
    void usersAndMembershipsSurviveReopening() throws Exception {
        UserRecord alice = new UserRecord("alice", HASH, true, false, T0, T0.plusSeconds(2));
        store.users().create(alice);
        store.users().create(user("bob"));
        store.users().addMember("devs", "alice");
        store.users().setDisabled("bob", true, T0.plusSeconds(3));

        store = reopen(store);

        assertThat(store.users().find("alice")).hasValue(alice);
        assertThat(store.users().find("bob")).map(UserRecord::disabled).hasValue(true);
        assertThat(store.users().groupsOf("alice")).containsExactly("devs");
        assertThat(store.users().count()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- access control: groups

    @Test
    void aMemberIsAddedOnceAndListedFromBothSides() {
        store.users().create(user("alice"));
        store.users().create(user("bob"));

        assertThat(store.users().addMember("devs", "alice")).isTrue();
        assertThat(store.users().addMember("devs", "alice")).as("already a member").isFalse();
        assertThat(store.users().addMember("ops", "alice")).isTrue();
        assertThat(store.users().addMember("devs", "bob")).isTrue();

        assertThat(store.users().groupsOf("alice")).containsExactly("devs", "ops");
        assertThat(store.users().groupsOf("bob")).containsExactly("devs");
        assertThat(store.users().groupsOf("carol")).isEmpty();
        assertThat(store.users().members("devs", null, 10)).containsExactly("alice", "bob");
        assertThat(store.users().members("ops", null, 10)).containsExactly("alice");
        assertThat(store.users().members("Devs", null, 10)).as("names compare exactly").isEmpty();
    }

    @Test
    void onlyAUserCanBeAMember() {
        store.robots().create(robot("ci"));

        assertThat(store.users().addMember("devs", "ghost")).isFalse();
        assertThat(store.users().addMember("devs", "ci")).as("a robot is no user").isFalse();

        assertThat(store.users().members("devs", null, 10)).isEmpty();
        assertThat(store.users().groupsOf("ghost")).isEmpty();
    }

    @Test
    void removingAMemberLeavesTheOthers() {
        store.users().create(user("alice"));
        store.users().create(user("bob"));
        store.users().addMember("devs", "alice");
        store.users().addMember("devs", "bob");
        store.users().addMember("ops", "alice");

        assertThat(store.users().removeMember("devs", "alice")).isTrue();

        assertThat(store.users().members("devs", null, 10)).containsExactly("bob");
        assertThat(store.users().groupsOf("alice")).containsExactly("ops");
        assertThat(store.users().removeMember("devs", "alice")).isFalse();
        assertThat(store.users().removeMember("nobody", "bob")).isFalse();
        assertThat(store.users().find("alice")).as("the user stays").isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 100})
    void groupMembersListInLexicalOrderPageByPage(int pageSize) {
        List<String> names = List.of("bob", "Bob", "alice", "a-b", "a.b", "a_b", "z", "\u00e9", "0");
        for (String name : names) {
            store.users().create(user(name));
            store.users().addMember("g", name);
        }
        store.users().create(user("outsider"));
        store.users().addMember("h", "outsider");

        List<String> paged = collectPages(pageSize, (after, limit) -> store.users().members("g", after, limit));

        assertThat(paged).containsExactlyElementsOf(names.stream().sorted().toList());
        assertThat(store.users().members("g", "b", 10)).containsExactly("bob", "z", "\u00e9");
        assertThat(store.users().members("g", null, 0)).isEmpty();
    }

    // ---------------------------------------------------------------- access control: robots

    @Test
    void aRobotIsCreatedFoundAndListedWithItsScopesInOrder() {
        RobotRecord ci = new RobotRecord("ci", HASH, List.of("repository:team-a/*:pull,push", "repository:base/*:pull"),
                T0.plusSeconds(3600), null, "alice", T0);
        RobotRecord bare = new RobotRecord("bare", "other-hash", List.of(), null, null, "admin", T0.plusSeconds(1));

        assertThat(store.robots().create(ci)).isTrue();
        assertThat(store.robots().create(bare)).isTrue();
        assertThat(store.robots().create(robot("ci"))).as("name taken").isFalse();

        assertThat(store.robots().find("ci")).hasValue(ci);
        assertThat(store.robots().find("bare")).hasValue(bare);
        assertThat(store.robots().find("ghost")).isEmpty();
        assertThat(store.robots().list(null, 10)).containsExactly(bare, ci);
        assertThat(store.users().find("ci")).as("robots are no users").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 100})
    void robotsListInLexicalOrderPageByPage(int pageSize) {
        List<String> names = List.of("robot$ci", "robot-ci", "Robot", "ci", "c", "deploy.prod", "deploy_prod", "0");
        for (String name : names) {
            store.robots().create(robot(name));
        }

        List<String> paged = collectPages(pageSize,
                (after, limit) -> store.robots().list(after, limit).stream().map(RobotRecord::name).toList());

        assertThat(paged).containsExactlyElementsOf(names.stream().sorted().toList());
        assertThat(store.robots().list("cc", 10)).extracting(RobotRecord::name)
                .containsExactly("ci", "deploy.prod", "deploy_prod", "robot$ci", "robot-ci");
        assertThat(store.robots().list(null, 0)).isEmpty();
    }

    @Test
    void aRobotIsRevokedOnceAndKeptUntilDeleted() {
        store.robots().create(robot("ci"));

        assertThat(store.robots().revoke("ci", T0.plusSeconds(10))).isTrue();
        assertThat(store.robots().find("ci")).map(RobotRecord::revokedAt).hasValue(T0.plusSeconds(10));
        assertThat(store.robots().revoke("ci", T0.plusSeconds(20))).as("already revoked").isFalse();
        assertThat(store.robots().find("ci")).map(RobotRecord::revokedAt).hasValue(T0.plusSeconds(10));
        assertThat(store.robots().revoke("ghost", T0)).isFalse();
        assertThat(store.robots().list(null, 10)).as("still listed").hasSize(1);

        assertThat(store.robots().delete("ci")).isTrue();

        assertThat(store.robots().find("ci")).isEmpty();
        assertThat(store.robots().list(null, 10)).isEmpty();
        assertThat(store.robots().delete("ci")).isFalse();
    }

    @Test
    void deletingARobotRemovesItsGrantsAndRulesButNotThoseOfAUserOfTheSameName() {
        store.robots().create(robot("ci"));
        store.users().create(user("ci"));
        store.namespaces().create(namespace("team-a"));
        store.namespaces().grant(new Grant("team-a", PrincipalKind.ROBOT, "ci", Role.DEVELOPER));
        store.namespaces().grant(new Grant("team-a", PrincipalKind.USER, "ci", Role.READER));
        store.namespaces().addRule(new RepositoryRule("team-a", "team-a/prod-*", PrincipalKind.ROBOT, "ci", null));
        long usersRule = store.namespaces().addRule(new RepositoryRule("team-a", "team-a/prod-*", PrincipalKind.USER,
                "ci", null)).orElseThrow();

        assertThat(store.robots().delete("ci")).isTrue();

        assertThat(store.namespaces().grantsOf(PrincipalKind.ROBOT, "ci")).isEmpty();
        assertThat(store.namespaces().grantsOf(PrincipalKind.USER, "ci"))
                .containsExactly(new Grant("team-a", PrincipalKind.USER, "ci", Role.READER));
        assertThat(store.namespaces().rules("team-a")).extracting(RepositoryRule::id).containsExactly(usersRule);
        assertThat(store.users().find("ci")).isPresent();
    }

    @Test
    void aRobotRecordNeverShowsItsSecretHash() {
        RobotRecord ci = new RobotRecord("ci", HASH, List.of("repository:team-a/*:pull"), null, null, "alice", T0);
        store.robots().create(ci);

        assertThat(ci.toString()).contains("ci", "repository:team-a/*:pull").doesNotContain(HASH);
        assertThat(store.robots().find("ci").orElseThrow().toString()).doesNotContain(HASH);
        assertThat(store.robots().list(null, 10).toString()).doesNotContain(HASH);
    }

    @Test
    void robotScopesMustBeStorable() {
        assertThatThrownBy(() -> new RobotRecord("ci", HASH, List.of(""), null, null, "alice", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RobotRecord("ci", HASH, List.of("a\u0000"), null, null, "alice", T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RobotRecord("ci", HASH, java.util.Arrays.asList("a", null), null, null, "alice",
                T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RobotRecord("ci", "", List.of(), null, null, "alice", T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- access control: namespaces and grants

    @Test
    void aNamespaceIsCreatedFoundAndMadePublic() {
        NamespaceRecord teamA = namespace("team-a");

        assertThat(store.namespaces().create(teamA)).isTrue();
        assertThat(store.namespaces().create(new NamespaceRecord("team-a", true, T0.plusSeconds(1)))).isFalse();
        assertThat(store.namespaces().find("team-a")).hasValue(teamA);
        assertThat(store.namespaces().find("team-b")).isEmpty();

        assertThat(store.namespaces().setPublic("team-a", true)).isTrue();
        assertThat(store.namespaces().find("team-a")).hasValue(new NamespaceRecord("team-a", true, T0));
        assertThat(store.namespaces().setPublic("team-a", false)).isTrue();
        assertThat(store.namespaces().find("team-a")).hasValue(teamA);
        assertThat(store.namespaces().setPublic("ghost", true)).isFalse();
        assertThat(store.namespaces().find("ghost")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 100})
    void namespacesListInLexicalOrderPageByPage(int pageSize) {
        List<String> names = List.of("b", "a/b", "a", "a-b", "a.b", "a_b", "c/d/e", "a0", "z9", "0");
        for (String name : names) {
            store.namespaces().create(namespace(name));
        }

        List<String> paged = collectPages(pageSize,
                (after, limit) -> store.namespaces().list(after, limit).stream().map(NamespaceRecord::name).toList());

        assertThat(paged).containsExactlyElementsOf(names.stream().sorted().toList());
        assertThat(store.namespaces().list("a0", 10)).extracting(NamespaceRecord::name)
                .containsExactly("a_b", "b", "c/d/e", "z9");
        assertThat(store.namespaces().list("zz", 10)).isEmpty();
        assertThat(store.namespaces().list(null, 0)).isEmpty();
    }

    @Test
    void aGrantIsAnUpsertWithOneRolePerPrincipalAndNamespace() {
        store.users().create(user("alice"));
        store.namespaces().create(namespace("team-a"));
        store.namespaces().create(namespace("team-b"));

        assertThat(store.namespaces().grant(new Grant("team-a", PrincipalKind.USER, "alice", Role.READER))).isTrue();
        assertThat(store.namespaces().grant(new Grant("team-a", PrincipalKind.USER, "alice", Role.MAINTAINER)))
                .isTrue();
        assertThat(store.namespaces().grant(new Grant("team-b", PrincipalKind.USER, "alice", Role.READER))).isTrue();

        assertThat(store.namespaces().grants("team-a"))
                .containsExactly(new Grant("team-a", PrincipalKind.USER, "alice", Role.MAINTAINER));
        assertThat(store.namespaces().grantsOf(PrincipalKind.USER, "alice")).containsExactly(
                new Grant("team-a", PrincipalKind.USER, "alice", Role.MAINTAINER),
                new Grant("team-b", PrincipalKind.USER, "alice", Role.READER));
        assertThat(store.namespaces().grantsOf(PrincipalKind.GROUP, "alice")).isEmpty();
    }

    @Test
    void grantsAndRulesNeedAnExistingNamespaceAndAnExistingUserOrRobot() {
        store.users().create(user("alice"));
        store.robots().create(robot("ci"));
        store.namespaces().create(namespace("team-a"));

        assertThat(store.namespaces().grant(new Grant("team-b", PrincipalKind.USER, "alice", Role.READER))).isFalse();
        assertThat(store.namespaces().grant(new Grant("team-a", PrincipalKind.USER, "ghost", Role.READER))).isFalse();
        assertThat(store.namespaces().grant(new Grant("team-a", PrincipalKind.ROBOT, "ghost", Role.READER)))
                .isFalse();
        assertThat(store.namespaces().grant(new Grant("team-a", PrincipalKind.ROBOT, "alice", Role.READER)))
                .as("alice is a user, not a robot").isFalse();
        assertThat(store.namespaces().grant(new Grant("team-a", PrincipalKind.USER, "ci", Role.READER)))
                .as("ci is a robot, not a user").isFalse();
        assertThat(store.namespaces().addRule(new RepositoryRule("team-b", "team-b/*", PrincipalKind.USER, "alice",
                Role.READER))).isEmpty();
        assertThat(store.namespaces().addRule(new RepositoryRule("team-a", "team-a/*", PrincipalKind.ROBOT, "ghost",
                null))).isEmpty();
        assertThat(store.namespaces().grants("team-a")).isEmpty();
        assertThat(store.namespaces().rules("team-a")).isEmpty();

        assertThat(store.namespaces().grant(new Grant("team-a", PrincipalKind.ROBOT, "ci", Role.DEVELOPER))).isTrue();
        assertThat(store.namespaces().grant(new Grant("team-a", PrincipalKind.GROUP, "anyone", Role.READER)))
                .as("a group is only a name").isTrue();
        assertThat(store.namespaces().addRule(new RepositoryRule("team-a", "team-a/*", PrincipalKind.GROUP, "anyone",
                null))).isPresent();
        assertThat(store.namespaces().grants("team-a")).containsExactly(
                new Grant("team-a", PrincipalKind.ROBOT, "ci", Role.DEVELOPER),
                new Grant("team-a", PrincipalKind.GROUP, "anyone", Role.READER));
    }

    @Test
    void aNamespacesGrantsAreOrderedByKindThenPrincipal() {
        store.namespaces().create(namespace("team-a"));
        store.users().create(user("bob"));
        store.users().create(user("alice"));
        store.robots().create(robot("ci"));
        List<Grant> inOrder = List.of(
                new Grant("team-a", PrincipalKind.USER, "alice", Role.ADMIN),
                new Grant("team-a", PrincipalKind.USER, "bob", Role.READER),
                new Grant("team-a", PrincipalKind.ROBOT, "ci", Role.DEVELOPER),
                new Grant("team-a", PrincipalKind.GROUP, "Admins", Role.MAINTAINER),
                new Grant("team-a", PrincipalKind.GROUP, "devs", Role.DEVELOPER));
        for (int i : List.of(4, 1, 2, 0, 3)) {
            assertThat(store.namespaces().grant(inOrder.get(i))).isTrue();
        }

        assertThat(store.namespaces().grants("team-a")).containsExactlyElementsOf(inOrder);
        assertThat(store.namespaces().grants("ghost")).isEmpty();
    }

    @Test
    void revokingRemovesOnlyThatGrant() {
        store.users().create(user("alice"));
        store.namespaces().create(namespace("team-a"));
        store.namespaces().create(namespace("team-b"));
        store.namespaces().grant(new Grant("team-a", PrincipalKind.USER, "alice", Role.ADMIN));
        store.namespaces().grant(new Grant("team-a", PrincipalKind.GROUP, "alice", Role.READER));
        store.namespaces().grant(new Grant("team-b", PrincipalKind.USER, "alice", Role.DEVELOPER));

        assertThat(store.namespaces().revoke("team-a", PrincipalKind.USER, "alice")).isTrue();

        assertThat(store.namespaces().grants("team-a"))
                .containsExactly(new Grant("team-a", PrincipalKind.GROUP, "alice", Role.READER));
        assertThat(store.namespaces().grantsOf(PrincipalKind.USER, "alice"))
                .containsExactly(new Grant("team-b", PrincipalKind.USER, "alice", Role.DEVELOPER));
        assertThat(store.namespaces().revoke("team-a", PrincipalKind.USER, "alice")).isFalse();
        assertThat(store.namespaces().revoke("ghost", PrincipalKind.USER, "alice")).isFalse();
        assertThat(store.users().find("alice")).isPresent();
    }

    @Test
    void rulesGetIncreasingIdsNeverReusedAndListInTheOrderAdded() {
        store.users().create(user("alice"));
        store.namespaces().create(namespace("team-a"));
        store.namespaces().create(namespace("team-b"));
        RepositoryRule deny = new RepositoryRule("team-a", "team-a/secret-*", PrincipalKind.USER, "alice", null);
        RepositoryRule allow = new RepositoryRule("team-a", "team-a/public", PrincipalKind.GROUP, "devs",
                Role.MAINTAINER);
        RepositoryRule elsewhere = new RepositoryRule("team-b", "team-b/**", PrincipalKind.USER, "alice", Role.READER);

        long denyId = store.namespaces().addRule(deny).orElseThrow();
        long allowId = store.namespaces().addRule(allow).orElseThrow();
        long elsewhereId = store.namespaces().addRule(elsewhere).orElseThrow();

        assertThat(denyId).isPositive();
        assertThat(allowId).isGreaterThan(denyId);
        assertThat(elsewhereId).isGreaterThan(allowId);
        assertThat(store.namespaces().rules("team-a")).containsExactly(
                new RepositoryRule(denyId, "team-a", "team-a/secret-*", PrincipalKind.USER, "alice", null),
                new RepositoryRule(allowId, "team-a", "team-a/public", PrincipalKind.GROUP, "devs", Role.MAINTAINER));
        assertThat(store.namespaces().rules("team-a").getFirst().denies()).isTrue();
        assertThat(store.namespaces().rules("team-b")).extracting(RepositoryRule::id).containsExactly(elsewhereId);

        assertThat(store.namespaces().removeRule(elsewhereId)).isTrue();
        assertThat(store.namespaces().removeRule(elsewhereId)).isFalse();
        assertThat(store.namespaces().removeRule(elsewhereId + 1000)).isFalse();
        assertThat(store.namespaces().rules("team-b")).isEmpty();
        long next = store.namespaces().addRule(elsewhere).orElseThrow();
        assertThat(next).as("ids are never reused").isGreaterThan(elsewhereId);
        assertThat(store.namespaces().rules("team-a")).extracting(RepositoryRule::id).containsExactly(denyId, allowId);
        assertThat(store.namespaces().rules("ghost")).isEmpty();
    }

    @Test
    void aRuleToAddHasNoIdYet() {
        store.namespaces().create(namespace("team-a"));

        assertThatThrownBy(() -> store.namespaces().addRule(new RepositoryRule(5, "team-a", "team-a/*",
                PrincipalKind.GROUP, "devs", Role.READER))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.namespaces().rules("team-a")).isEmpty();
    }

    @Test
    void deletingANamespaceRemovesItsGrantsAndRulesOnly() {
        store.users().create(user("alice"));
        store.namespaces().create(namespace("team-a"));
        store.namespaces().create(namespace("team-a/sub"));
        store.namespaces().grant(new Grant("team-a", PrincipalKind.USER, "alice", Role.ADMIN));
        store.namespaces().grant(new Grant("team-a", PrincipalKind.GROUP, "devs", Role.DEVELOPER));
        store.namespaces().grant(new Grant("team-a/sub", PrincipalKind.USER, "alice", Role.READER));
        store.namespaces().addRule(new RepositoryRule("team-a", "team-a/x", PrincipalKind.USER, "alice", null));
        long kept = store.namespaces().addRule(new RepositoryRule("team-a/sub", "team-a/sub/x", PrincipalKind.USER,
                "alice", null)).orElseThrow();

        assertThat(store.namespaces().delete("team-a")).isTrue();

        assertThat(store.namespaces().find("team-a")).isEmpty();
        assertThat(store.namespaces().grants("team-a")).isEmpty();
        assertThat(store.namespaces().rules("team-a")).isEmpty();
        assertThat(store.namespaces().grantsOf(PrincipalKind.USER, "alice"))
                .containsExactly(new Grant("team-a/sub", PrincipalKind.USER, "alice", Role.READER));
        assertThat(store.namespaces().grantsOf(PrincipalKind.GROUP, "devs")).isEmpty();
        assertThat(store.namespaces().rules("team-a/sub")).extracting(RepositoryRule::id).containsExactly(kept);
        assertThat(store.users().find("alice")).isPresent();
        assertThat(store.namespaces().delete("team-a")).isFalse();

        // A namespace created again under the old name inherits nothing.
        store.namespaces().create(namespace("team-a"));
        assertThat(store.namespaces().grants("team-a")).isEmpty();
        assertThat(store.namespaces().rules("team-a")).isEmpty();
    }

    @Test
    void rolesAreOrderedEachIncludingThoseBefore() {
        assertThat(Role.values()).containsExactly(Role.READER, Role.DEVELOPER, Role.MAINTAINER, Role.ADMIN);
        for (Role role : Role.values()) {
            for (Role other : Role.values()) {
                assertThat(role.includes(other)).as("%s includes %s", role, other)
                        .isEqualTo(role.ordinal() >= other.ordinal());
            }
        }
    }

    @Test
    void concurrentGrantsToOnePrincipalLeaveExactlyOneRole() throws Exception {
        store.namespaces().create(namespace("team-a"));
        store.users().create(user("alice"));
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Role role = Role.values()[t % Role.values().length];
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20; i++) {
                        assertThat(store.namespaces().grant(new Grant("team-a", PrincipalKind.USER, "alice", role)))
                                .isTrue();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.namespaces().grants("team-a")).singleElement()
                .satisfies(grant -> assertThat(grant.principal()).isEqualTo("alice"));
    }

    @Test
    void nothingNamingAUserOrNamespaceOutlivesItsDeleteWhateverTheInterleaving() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 30; round++) {
                boolean deleteUser = round % 2 == 0;
                String username = "user-" + round;
                String namespace = "ns-" + round;
                store.users().create(user(username));
                store.namespaces().create(namespace(namespace));
                CountDownLatch start = new CountDownLatch(1);
                Future<Boolean> granted = pool.submit(() -> {
                    start.await();
                    return store.namespaces().grant(new Grant(namespace, PrincipalKind.USER, username, Role.READER));
                });
                Future<Boolean> joined = pool.submit(() -> {
                    start.await();
                    return store.users().addMember("devs", username);
                });
                Future<Boolean> deleted = pool.submit(() -> {
                    start.await();
                    return deleteUser ? store.users().delete(username) : store.namespaces().delete(namespace);
                });
                start.countDown();
                granted.get(30, TimeUnit.SECONDS);
                joined.get(30, TimeUnit.SECONDS);
                assertThat(deleted.get(30, TimeUnit.SECONDS)).isTrue();

                if (deleteUser) {
                    assertThat(store.namespaces().grantsOf(PrincipalKind.USER, username)).as("round %d", round)
                            .isEmpty();
                    assertThat(store.users().groupsOf(username)).as("round %d", round).isEmpty();
                } else {
                    assertThat(store.namespaces().grants(namespace)).as("round %d", round).isEmpty();
                    assertThat(store.namespaces().grantsOf(PrincipalKind.USER, username)).as("round %d", round)
                            .isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void namespacesGrantsRulesAndRobotsSurviveReopening() throws Exception {
        store.users().create(user("alice"));
        RobotRecord ci = new RobotRecord("ci", HASH, List.of("repository:team-a/*:pull"), T0.plusSeconds(60), null,
                "alice", T0);
        store.robots().create(ci);
        store.robots().revoke("ci", T0.plusSeconds(30));
        store.namespaces().create(new NamespaceRecord("team-a", true, T0));
        Grant grant = new Grant("team-a", PrincipalKind.USER, "alice", Role.MAINTAINER);
        store.namespaces().grant(grant);
        long rule = store.namespaces().addRule(new RepositoryRule("team-a", "team-a/x", PrincipalKind.ROBOT, "ci",
                Role.READER)).orElseThrow();

        store = reopen(store);

        assertThat(store.robots().find("ci")).hasValue(new RobotRecord("ci", HASH, List.of("repository:team-a/*:pull"),
                T0.plusSeconds(60), T0.plusSeconds(30), "alice", T0));
        assertThat(store.namespaces().find("team-a")).hasValue(new NamespaceRecord("team-a", true, T0));
        assertThat(store.namespaces().grants("team-a")).containsExactly(grant);
        assertThat(store.namespaces().rules("team-a")).containsExactly(
                new RepositoryRule(rule, "team-a", "team-a/x", PrincipalKind.ROBOT, "ci", Role.READER));
        assertThat(store.namespaces().addRule(new RepositoryRule("team-a", "team-a/y", PrincipalKind.GROUP, "g",
                null)).orElseThrow()).as("ids keep increasing after a restart").isGreaterThan(rule);
    }

    // ---------------------------------------------------------------- access control: audit log

    @Test
    void appendedEventsComeBackWithTheirIdsOldestFirst() {
        AuditEvent push = new AuditEvent(T0, "alice", "192.0.2.1", "docker/27.0", "manifest.push", "team-a/app",
                "latest", "ok", null);
        AuditEvent pull = new AuditEvent(T0.plusSeconds(1), null, "2001:db8::1", "", "manifest.pull", "team-a/app",
                digest("m").toString(), "denied", "no grant for anonymous");
        AuditEvent login = new AuditEvent(T0.plusSeconds(2), "bob", "198.51.100.7", "curl/8.5", "login", null, null,
                "failed", null);

        long first = store.audit().append(push);
        long second = store.audit().append(pull);
        long third = store.audit().append(login);

        assertThat(first).isPositive();
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
        assertThat(store.audit().query(AuditQuery.ALL, null, 10))
                .containsExactly(withId(push, first), withId(pull, second), withId(login, third));
        assertThat(store.audit().count(AuditQuery.ALL)).isEqualTo(3);
    }

    @Test
    void auditQueriesFilterByIdentityActionRepositoryResultAndTime() {
        List<AuditEvent> events = List.of(
                event(0, "alice", "manifest.push", "team-a/app", "ok"),
                event(1, "alice", "manifest.pull", "team-a/app", "ok"),
                event(2, "bob", "manifest.pull", "team-a/app", "denied"),
                event(3, null, "manifest.pull", "team-b/web", "denied"),
                event(4, "alice", "login", null, "ok"),
                event(5, "bob", "manifest.push", "team-b/web", "ok"));
        List<AuditEvent> stored = new ArrayList<>();
        for (AuditEvent e : events) {
            stored.add(withId(e, store.audit().append(e)));
        }

        assertMatches(AuditQuery.ALL.withIdentity("alice"), stored, 0, 1, 4);
        assertMatches(AuditQuery.ALL.withAction("manifest.pull"), stored, 1, 2, 3);
        assertMatches(AuditQuery.ALL.withRepository("team-b/web"), stored, 3, 5);
        assertMatches(AuditQuery.ALL.withResult("denied"), stored, 2, 3);
        assertMatches(AuditQuery.ALL.withIdentity("alice").withResult("ok").withAction("manifest.push"), stored, 0);
        assertMatches(AuditQuery.ALL.withRepository("team-a/app").withResult("denied"), stored, 2);
        assertMatches(AuditQuery.ALL.between(T0.plusSeconds(1), T0.plusSeconds(3)), stored, 1, 2);
        assertMatches(AuditQuery.ALL.between(T0.plusSeconds(4), null), stored, 4, 5);
        assertMatches(AuditQuery.ALL.between(null, T0.plusSeconds(1)), stored, 0);
        assertMatches(AuditQuery.ALL.withIdentity("bob").between(T0.plusSeconds(3), T0.plusSeconds(9)), stored, 5);
        assertMatches(AuditQuery.ALL.withIdentity("nobody"), stored);
        assertMatches(AuditQuery.ALL.withIdentity("Alice"), stored);
        assertMatches(AuditQuery.ALL, stored, 0, 1, 2, 3, 4, 5);
    }

    @Test
    void auditTimeRangesAreHalfOpenToTheMillisecond() {
        long atT0 = store.audit().append(new AuditEvent(T0, "a", "c", "u", "x", null, null, "ok", null));
        long oneMilliLater = store.audit().append(new AuditEvent(T0.plusMillis(1), "a", "c", "u", "x", null, null, "ok",
                null));

        assertThat(ids(AuditQuery.ALL.between(T0, T0.plusMillis(1)))).containsExactly(atT0);
        assertThat(ids(AuditQuery.ALL.between(T0, T0))).isEmpty();
        assertThat(ids(AuditQuery.ALL.between(T0.plusNanos(1), null))).containsExactly(oneMilliLater);
        assertThat(ids(AuditQuery.ALL.between(null, T0.plusNanos(1)))).containsExactly(atT0);
        assertThat(ids(AuditQuery.ALL.between(T0.minusMillis(1), T0.plusMillis(2))))
                .containsExactly(atT0, oneMilliLater);
        assertThat(store.audit().count(AuditQuery.ALL.between(T0.plusNanos(1), T0.plusMillis(2)))).isEqualTo(1);
        assertThatThrownBy(() -> AuditQuery.ALL.between(T0, T0.minusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10})
    void auditPagesWithAfterId(int pageSize) {
        List<Long> alices = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String identity = i % 3 == 0 ? "bob" : "alice";
            long id = store.audit().append(event(i, identity, "manifest.pull", "team-a/app", "ok"));
            if (identity.equals("alice")) {
                alices.add(id);
            }
        }
        AuditQuery query = AuditQuery.ALL.withIdentity("alice");

        List<Long> paged = new ArrayList<>();
        Long after = null;
        for (int page = 0; page < 20; page++) {
            List<AuditEvent> events = store.audit().query(query, after, pageSize);
            assertThat(events.size()).isLessThanOrEqualTo(pageSize);
            if (events.isEmpty()) {
                break;
            }
            events.forEach(e -> paged.add(e.id()));
            after = events.getLast().id();
        }

        assertThat(paged).containsExactlyElementsOf(alices);
        assertThat(store.audit().query(query, alices.get(2), 100)).extracting(AuditEvent::id)
                .containsExactlyElementsOf(alices.subList(3, alices.size()));
        assertThat(store.audit().query(query, null, 0)).isEmpty();
        assertThat(store.audit().count(query)).isEqualTo(alices.size());
    }

    @Test
    void eventsAppendedWhilePagingAreNeitherSkippedNorRepeated() {
        List<Long> appended = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            appended.add(store.audit().append(event(i, "alice", "login", null, "ok")));
        }
        List<Long> seen = new ArrayList<>(store.audit().query(AuditQuery.ALL, null, 2).stream()
                .map(AuditEvent::id).toList());
        for (int i = 5; i < 8; i++) {
            appended.add(store.audit().append(event(i, "alice", "login", null, "ok")));
        }

        while (true) {
            List<AuditEvent> page = store.audit().query(AuditQuery.ALL, seen.getLast(), 2);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(e -> seen.add(e.id()));
        }

        assertThat(seen).containsExactlyElementsOf(appended);
    }

    @Test
    void concurrentAppendsAreAllKeptWithDistinctIncreasingIds() throws Exception {
        int threads = 8;
        int perThread = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Map<Long, String> appended = new ConcurrentHashMap<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String identity = "writer-" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    long previous = 0;
                    for (int i = 0; i < perThread; i++) {
                        long id = store.audit().append(new AuditEvent(T0.plusMillis(i), identity, "10.0.0.1", "test",
                                "manifest.pull", "busy/app", null, "ok", Integer.toString(i)));
                        assertThat(id).as("ids increase").isGreaterThan(previous);
                        assertThat(appended.put(id, identity + "#" + i)).as("id %d given twice", id).isNull();
                        previous = id;
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(appended).hasSize(threads * perThread);
        assertThat(store.audit().count(AuditQuery.ALL)).isEqualTo(threads * perThread);
        assertThat(store.audit().count(AuditQuery.ALL.withIdentity("writer-3"))).isEqualTo(perThread);
        List<AuditEvent> all = new ArrayList<>();
        Long after = null;
        for (List<AuditEvent> page = store.audit().query(AuditQuery.ALL, null, 64); !page.isEmpty();
             page = store.audit().query(AuditQuery.ALL, after, 64)) {
            all.addAll(page);
            after = page.getLast().id();
        }
        assertThat(all).extracting(AuditEvent::id).containsExactlyElementsOf(appended.keySet().stream().sorted()
                .toList());
        for (AuditEvent e : all) {
            assertThat(e.identity() + "#" + e.detail()).isEqualTo(appended.get(e.id()));
        }
    }

    @Test
    void anEventToAppendHasNoIdYet() {
        AuditEvent read = new AuditEvent(7, T0, "alice", "c", "u", "login", null, null, "ok", null);

        assertThatThrownBy(() -> store.audit().append(read)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.audit().count(AuditQuery.ALL)).isZero();
    }

    @Test
    void auditTextIsStoredCleanedRatherThanRefused() {
        String forged = "admin\u0000\r\nok";
        String smile = "\uD83D\uDE00";
        AuditEvent event = new AuditEvent(T0, forged, "203.0.113.9", "agent\t" + "u".repeat(AuditEvent.MAX_TEXT_LENGTH),
                "login", "lone\uD800surrogate", smile, "failed", "a".repeat(AuditEvent.MAX_FIELD_LENGTH - 1) + smile);

        assertThat(event.identity()).isEqualTo("admin\uFFFD\uFFFD\uFFFDok");
        assertThat(event.userAgent()).hasSize(AuditEvent.MAX_TEXT_LENGTH).startsWith("agent\uFFFDu");
        assertThat(event.repository()).isEqualTo("lone\uFFFDsurrogate");
        assertThat(event.reference()).as("a supplementary character is fine").isEqualTo(smile);
        assertThat(new AuditEvent(T0, "x".repeat(AuditEvent.MAX_FIELD_LENGTH - 1) + smile, "c", "u", "a", null, null,
                "r", null).identity()).as("never cut inside a pair").isEqualTo("x".repeat(AuditEvent.MAX_FIELD_LENGTH - 1));

        long id = store.audit().append(event);

        assertThat(store.audit().query(AuditQuery.ALL, null, 10)).containsExactly(withId(event, id));
        assertThat(store.audit().query(AuditQuery.ALL.withIdentity(forged), null, 10)).as("filters clean alike")
                .extracting(AuditEvent::id).containsExactly(id);
        assertThat(store.audit().count(AuditQuery.ALL.withRepository("lone\uD800surrogate"))).isEqualTo(1);
    }

    @Test
    void auditEventsNeedTheirRequiredFields() {
        assertThatThrownBy(() -> new AuditEvent(null, "a", "c", "u", "login", null, null, "ok", null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AuditEvent(T0, "a", null, "u", "login", null, null, "ok", null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AuditEvent(T0, "a", "c", "u", "", null, null, "ok", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEvent(T0, "a", "c", "u", "login", null, null, null, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AuditEvent(-1, T0, "a", "c", "u", "login", null, null, "ok", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAuditLogOffersNoWayToChangeOrRemoveEvents() {
        assertThat(Arrays.stream(AuditIndex.class.getMethods()).map(Method::getName))
                .containsExactlyInAnyOrder("append", "query", "count");
    }

    @Test
    void auditEventsSurviveReopening() throws Exception {
        AuditEvent event = new AuditEvent(T0, "alice", "192.0.2.1", "docker/27.0", "manifest.push", "team-a/app",
                "latest", "ok", "pushed");
        long id = store.audit().append(event);

        store = reopen(store);

        assertThat(store.audit().query(AuditQuery.ALL, null, 10)).containsExactly(withId(event, id));
        assertThat(store.audit().append(event)).as("ids keep increasing after a restart").isGreaterThan(id);
    }

    @Test
    void accessControlListingsRefuseNegativeLimits() {
        assertThatThrownBy(() -> store.users().list(null, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.users().members("g", null, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.robots().list(null, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.namespaces().list(null, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.audit().query(AuditQuery.ALL, null, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedStoreRefusesAccessControlWork() {
        store.close();

        assertThatThrownBy(() -> store.users().find("alice")).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.users().create(user("alice"))).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.robots().list(null, 10)).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.namespaces().create(namespace("team-a"))).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.audit().append(event(0, "alice", "login", null, "ok")))
                .isInstanceOf(MetadataException.class);
    }

    // ---------------------------------------------------------------- token signing keys

    /** A throwaway Ed25519 pair as {@code SigningKey.toPem()} writes it (the security module's test key). */
    private static final String PEM = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIMMufPgx5Z55p50u751NdBtFyTP7u485aGm8b08jmkno
            -----END PRIVATE KEY-----
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAEawhs7x557y2o7l6yxphdhXkpcKmkg4M1AFV6tV95z4=
            -----END PUBLIC KEY-----
            """;
    private static final String PEM_SECRET_PART = "MC4CAQAwBQYDK2VwBCIEIMMufPgx5Z55p50u751NdBtFyTP7u485aGm8b08jmkno";

    @Test
    void aSigningKeyIsAddedAndFoundWithEveryField() {
        SigningKeyRecord current = new SigningKeyRecord("1ZGSs2-zqj5QKh1rQUm5RLbwnXARUIZUogRFQhYem4s", "EdDSA", PEM,
                T0, null);
        SigningKeyRecord retired = new SigningKeyRecord("old", "ES256", "pem-of-old", T0.minusSeconds(86_400),
                T0.plusMillis(1));

        assertThat(store.signingKeys().add(current)).isTrue();
        assertThat(store.signingKeys().add(retired)).isTrue();

        assertThat(store.signingKeys().find(current.kid())).hasValue(current);
        assertThat(store.signingKeys().find("old")).hasValue(retired);
        assertThat(store.signingKeys().find("OLD")).as("kids compare exactly").isEmpty();
        assertThat(store.signingKeys().find("ghost")).isEmpty();
        assertThat(store.signingKeys().list()).containsExactly(retired, current);
        assertThat(store.robots().find("old")).as("keys are no robots").isEmpty();
    }

    @Test
    void aTakenKidIsRefusedAndTheFirstKeyKept() {
        SigningKeyRecord first = signingKey("k1", T0);
        store.signingKeys().add(first);
        store.signingKeys().retire("k1", T0.plusSeconds(1));
        SigningKeyRecord retiredFirst = new SigningKeyRecord("k1", first.algorithm(), first.privateKeyPem(), T0,
                T0.plusSeconds(1));

        assertThat(store.signingKeys().add(new SigningKeyRecord("k1", "ES256", "other-pem", T0.plusSeconds(5), null)))
                .as("kid taken, even by a retired key").isFalse();

        assertThat(store.signingKeys().find("k1")).hasValue(retiredFirst);
        assertThat(store.signingKeys().list()).containsExactly(retiredFirst);
    }

    @Test
    void signingKeysListOldestFirstThenByKid() {
        List<SigningKeyRecord> keys = List.of(
                signingKey("b", T0.plusSeconds(10)),
                signingKey("a", T0.plusSeconds(10)),
                signingKey("B", T0.plusSeconds(10)),
                signingKey("\u00e9", T0.plusSeconds(10)),
                signingKey("z", T0),
                signingKey("y", T0.plusMillis(1)),
                new SigningKeyRecord("retired", "ES256", "pem", T0.plusSeconds(5), T0.plusSeconds(6)),
                signingKey("newest", T0.plusSeconds(3600)),
                signingKey("oldest", T0.minusSeconds(3600)));
        for (SigningKeyRecord key : keys) {
            assertThat(store.signingKeys().add(key)).isTrue();
        }

        assertThat(store.signingKeys().list()).containsExactlyElementsOf(keys.stream()
                .sorted(Comparator.comparing(SigningKeyRecord::createdAt).thenComparing(SigningKeyRecord::kid))
                .toList());
        assertThat(store.signingKeys().list()).extracting(SigningKeyRecord::kid)
                .containsExactly("oldest", "z", "y", "retired", "B", "a", "b", "\u00e9", "newest");
    }

    @Test
    void anEmptyStoreHasNoSigningKeys() {
        assertThat(store.signingKeys().list()).isEmpty();
        assertThat(store.signingKeys().find("k1")).isEmpty();
    }

    @Test
    void aSigningKeyIsRetiredOnceAndKeptUntilDeleted() {
        store.signingKeys().add(signingKey("k1", T0));
        store.signingKeys().add(signingKey("k2", T0.plusSeconds(1)));

        assertThat(store.signingKeys().retire("k1", T0.plusMillis(10))).isTrue();
        assertThat(store.signingKeys().find("k1")).map(SigningKeyRecord::retiredAt).hasValue(T0.plusMillis(10));
        assertThat(store.signingKeys().retire("k1", T0.plusSeconds(20))).as("already retired").isFalse();
        assertThat(store.signingKeys().find("k1")).map(SigningKeyRecord::retiredAt).hasValue(T0.plusMillis(10));
        assertThat(store.signingKeys().retire("ghost", T0)).isFalse();
        assertThat(store.signingKeys().find("ghost")).as("retiring creates nothing").isEmpty();
        assertThat(store.signingKeys().find("k2")).as("untouched").hasValue(signingKey("k2", T0.plusSeconds(1)));
        assertThat(store.signingKeys().list()).as("retired keys are still listed").extracting(SigningKeyRecord::kid)
                .containsExactly("k1", "k2");

        assertThat(store.signingKeys().delete("k1")).isTrue();

        assertThat(store.signingKeys().find("k1")).isEmpty();
        assertThat(store.signingKeys().delete("k1")).isFalse();
        assertThat(store.signingKeys().delete("ghost")).isFalse();
        assertThat(store.signingKeys().delete("k2")).as("a key need not be retired to be deleted").isTrue();
        assertThat(store.signingKeys().list()).isEmpty();

        assertThat(store.signingKeys().add(signingKey("k1", T0.plusSeconds(30)))).as("a deleted kid is free again")
                .isTrue();
        assertThat(store.signingKeys().find("k1")).hasValue(signingKey("k1", T0.plusSeconds(30)));
    }

    @Test
    void aPemComesBackExactlyWithItsLineBreaks() {
        String crlf = PEM.replace("\n", "\r\n");
        String noFinalNewline = PEM.strip();
        String head = "-----BEGIN PRIVATE KEY-----\n";
        String tail = "-----END PRIVATE KEY-----\n";
        String longest = head + "A".repeat(SigningKeyRecord.MAX_PEM_LENGTH - head.length() - tail.length()) + tail;
        String everyPrintable = IntStream.rangeClosed(0x20, 0x7e).mapToObj(c -> String.valueOf((char) c))
                .collect(Collectors.joining()) + "\n\r\r\n";
        assertThat(longest).hasSize(SigningKeyRecord.MAX_PEM_LENGTH);
        List<String> pems = List.of(PEM, crlf, noFinalNewline, longest, everyPrintable);

        for (int i = 0; i < pems.size(); i++) {
            assertThat(store.signingKeys().add(new SigningKeyRecord("k" + i, "EdDSA", pems.get(i), T0, null)))
                    .isTrue();
        }

        for (int i = 0; i < pems.size(); i++) {
            String stored = store.signingKeys().find("k" + i).orElseThrow().privateKeyPem();
            assertThat(stored.getBytes(StandardCharsets.US_ASCII)).as("pem %d", i)
                    .isEqualTo(pems.get(i).getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(store.signingKeys().list()).extracting(SigningKeyRecord::privateKeyPem)
                .containsExactlyElementsOf(pems);
    }

    @Test
    void signingKeyRecordsRefuseWhatCannotBeStored() {
        for (String kid : List.of("", "a\u0000b", "a\nb", "tab\t", "smile\uD83D\uDE00", "lone\uD800",
                "x".repeat(Names.MAX_LENGTH + 1))) {
            assertThatThrownBy(() -> new SigningKeyRecord(kid, "ES256", PEM, T0, null))
                    .as("kid %s", kid).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new SigningKeyRecord("x".repeat(Names.MAX_LENGTH), "ES256", PEM, T0, null).kid())
                .hasSize(Names.MAX_LENGTH);

        for (String algorithm : List.of("", "ES\n256", "x".repeat(SigningKeyRecord.MAX_ALGORITHM_LENGTH + 1))) {
            assertThatThrownBy(() -> new SigningKeyRecord("k1", algorithm, PEM, T0, null))
                    .as("algorithm %s", algorithm).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new SigningKeyRecord("k1", "x".repeat(SigningKeyRecord.MAX_ALGORITHM_LENGTH), PEM, T0, null)
                .algorithm()).hasSize(SigningKeyRecord.MAX_ALGORITHM_LENGTH);

        String secret = "s3cret-key-material";
        for (String pem : List.of("", secret + "\u00e9", secret + "\u0000", secret + "\t", secret + "\u007f",
                secret + "\u00a0", secret + "\uD83D\uDE00", secret + "\u2028",
                "x".repeat(SigningKeyRecord.MAX_PEM_LENGTH + 1))) {
            assertThat(SigningKeyRecord.isValidPem(pem)).as("pem %s", pem).isFalse();
            assertThatThrownBy(() -> new SigningKeyRecord("k1", "ES256", pem, T0, null))
                    .as("pem %s", pem).isInstanceOf(IllegalArgumentException.class)
                    .as("the refusal never quotes the key").hasMessageNotContaining("s3cret");
        }
        assertThat(SigningKeyRecord.isValidPem("x".repeat(SigningKeyRecord.MAX_PEM_LENGTH))).isTrue();
        assertThat(SigningKeyRecord.isValidPem(PEM)).isTrue();
        assertThat(SigningKeyRecord.isValidPem(null)).isFalse();

        assertThatThrownBy(() -> new SigningKeyRecord(null, "ES256", PEM, T0, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SigningKeyRecord("k1", null, PEM, T0, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SigningKeyRecord("k1", "ES256", null, T0, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SigningKeyRecord("k1", "ES256", PEM, null, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.signingKeys().add(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.signingKeys().retire("k1", null)).isInstanceOf(NullPointerException.class);
        assertThat(store.signingKeys().list()).isEmpty();
    }

    @Test
    void aSigningKeyRecordNeverShowsItsPrivateKey() {
        SigningKeyRecord key = new SigningKeyRecord("k1", "EdDSA", PEM, T0, T0.plusSeconds(1));
        store.signingKeys().add(key);

        assertThat(key.toString()).contains("k1", "EdDSA", T0.toString()).doesNotContain(PEM_SECRET_PART)
                .doesNotContain("PRIVATE KEY");
        assertThat(store.signingKeys().find("k1").orElseThrow().toString()).doesNotContain(PEM_SECRET_PART);
        assertThat(store.signingKeys().list().toString()).doesNotContain(PEM_SECRET_PART);
    }

    @Test
    void ofManyAddingTheSameKidAtOnceExactlyOneSucceeds() throws Exception {
        int adders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(adders);
        try {
            for (int round = 0; round < 10; round++) {
                String kid = "racer-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < adders; t++) {
                    SigningKeyRecord candidate = new SigningKeyRecord(kid, "ES256", "pem-" + t + "\n", T0, null);
                    results.add(pool.submit(() -> {
                        start.await();
                        return store.signingKeys().add(candidate);
                    }));
                }
                start.countDown();
                List<String> winners = new ArrayList<>();
                for (int t = 0; t < adders; t++) {
                    if (results.get(t).get(30, TimeUnit.SECONDS)) {
                        winners.add("pem-" + t + "\n");
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(store.signingKeys().find(kid)).map(SigningKeyRecord::privateKeyPem)
                        .hasValue(winners.getFirst());
            }
            assertThat(store.signingKeys().list()).hasSize(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signingKeysSurviveReopening() throws Exception {
        SigningKeyRecord current = new SigningKeyRecord("k2", "EdDSA", PEM, T0.plusSeconds(1), null);
        store.signingKeys().add(signingKey("k1", T0));
        store.signingKeys().add(current);
        store.signingKeys().retire("k1", T0.plusSeconds(2));

        store = reopen(store);

        assertThat(store.signingKeys().list()).containsExactly(
                new SigningKeyRecord("k1", "ES256", signingKey("k1", T0).privateKeyPem(), T0, T0.plusSeconds(2)),
                current);
    }

    @Test
    void aClosedStoreRefusesSigningKeyWork() {
        store.close();

        assertThatThrownBy(() -> store.signingKeys().add(signingKey("k1", T0))).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.signingKeys().find("k1")).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.signingKeys().list()).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.signingKeys().retire("k1", T0)).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.signingKeys().delete("k1")).isInstanceOf(MetadataException.class);
    }

    // ---------------------------------------------------------------- lifecycle: push and pull times

    @Test
    void tagsWithTimesListAsTagsDoWithTheirManifestAndPushTime() {
        RepositoryName repo = repo("times/app");
        ManifestRecord m1 = manifest(repo, "m1");
        ManifestRecord m2 = manifest(repo, "m2");
        Instant before = Instant.now().minusMillis(1);
        putOk(m1, List.of(), List.of(), tag("b"), tag("A"), tag("a"));
        putOk(m2, List.of(), List.of(), tag("c"));
        Instant after = Instant.now().plusMillis(1);
        putOk(manifest(repo("times/other"), "m3"), List.of(), List.of(), tag("d"));

        for (int pageSize : List.of(1, 2, 100)) {
            List<String> paged = collectPages(pageSize, (last, limit) -> store.activity().tags(repo, last, limit)
                    .stream().map(t -> t.tag().value()).toList());
            assertThat(paged).as("page size %d", pageSize).containsExactlyElementsOf(
                    store.manifests().tags(repo, null, 100).stream().map(Tag::value).toList());
        }
        List<TagRecord> tags = store.activity().tags(repo, null, 100);
        assertThat(tags).extracting(TagRecord::tag).containsExactly(tag("A"), tag("a"), tag("b"), tag("c"));
        assertThat(tags).extracting(TagRecord::manifest)
                .containsExactly(m1.digest(), m1.digest(), m1.digest(), m2.digest());
        assertThat(tags).allSatisfy(t -> {
            assertThat(t.pushedAt()).isBetween(before, after);
            assertThat(t.lastPulledAt()).as("never pulled").isNull();
        });
        assertThat(store.activity().tags(repo, "b", 100)).extracting(TagRecord::tag).containsExactly(tag("c"));
        assertThat(store.activity().tags(repo, null, 0)).isEmpty();
        assertThat(store.activity().tags(repo("times/none"), null, 10)).isEmpty();
        assertThatThrownBy(() -> store.activity().tags(repo, null, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aManifestWasPushedWhenFirstPutAndATagWhenLastPut() throws Exception {
        RepositoryName repo = repo("times/app");
        ManifestRecord m = manifest(repo, "m");
        putOk(m, List.of(), List.of(), tag("v1"));
        Instant firstTagPush = store.activity().tags(repo, null, 10).getFirst().pushedAt();
        Thread.sleep(5);

        ManifestRecord again = new ManifestRecord(repo, m.digest(), m.mediaType(), m.content(), null, null, Map.of(),
                T0.plusSeconds(3600));
        putOk(again, List.of(), List.of(), tag("v1"));

        assertThat(store.activity().manifest(repo, m.digest())).hasValue(new ManifestTimes(m.digest(), T0, null));
        assertThat(store.activity().tags(repo, null, 10).getFirst().pushedAt()).as("pushed again")
                .isAfter(firstTagPush);
        assertThat(store.activity().manifest(repo, digest("unknown"))).isEmpty();
        assertThat(store.activity().manifest(repo("times/none"), m.digest())).isEmpty();
    }

    @Test
    void pullsSetTheLastPullTimesOfTheirManifestAndTagAndTheLatestStays() {
        RepositoryName repo = repo("times/app");
        ManifestRecord m = manifest(repo, "m");
        ManifestRecord other = manifest(repo, "other");
        putOk(m, List.of(), List.of(), tag("latest"), tag("v1"));
        putOk(other, List.of(), List.of(), tag("v2"));

        store.activity().recordPulls(List.of(
                new Pull(repo, m.digest(), tag("latest"), T0.plusSeconds(10)),
                new Pull(repo, m.digest(), null, T0.plusSeconds(5))));

        assertThat(store.activity().manifest(repo, m.digest())).map(ManifestTimes::lastPulledAt)
                .hasValue(T0.plusSeconds(10));
        assertThat(lastPulls(repo)).containsExactly(entry("latest", T0.plusSeconds(10)), entry("v1", null),
                entry("v2", null));
        assertThat(store.activity().manifest(repo, other.digest()).orElseThrow().lastPulledAt()).isNull();

        store.activity().recordPulls(List.of(new Pull(repo, m.digest(), tag("latest"), T0.plusSeconds(1)),
                new Pull(repo, m.digest(), tag("v1"), T0.plusMillis(1))));

        assertThat(store.activity().manifest(repo, m.digest())).map(ManifestTimes::lastPulledAt)
                .as("an older pull does not win").hasValue(T0.plusSeconds(10));
        assertThat(lastPulls(repo)).containsExactly(entry("latest", T0.plusSeconds(10)), entry("v1", T0.plusMillis(1)),
                entry("v2", null));

        store.activity().recordPulls(List.of(new Pull(repo, m.digest(), null, T0.plusSeconds(60))));

        assertThat(store.activity().manifest(repo, m.digest())).map(ManifestTimes::lastPulledAt)
                .hasValue(T0.plusSeconds(60));
        assertThat(lastPulls(repo)).as("a pull by digest leaves tags alone")
                .containsExactly(entry("latest", T0.plusSeconds(10)), entry("v1", T0.plusMillis(1)), entry("v2", null));
        store.activity().recordPulls(List.of());
    }

    @Test
    void aTagKeepsItsLastPullTimeWhenItMovesAndTheSameManifestElsewhereHasItsOwn() {
        RepositoryName repo = repo("times/app");
        RepositoryName elsewhere = repo("times/elsewhere");
        ManifestRecord m1 = manifest(repo, "m1");
        ManifestRecord copy = manifest(elsewhere, "m1");
        putOk(m1, List.of(), List.of(), tag("latest"));
        putOk(copy, List.of(), List.of(), tag("latest"));
        store.activity().recordPulls(List.of(new Pull(repo, m1.digest(), tag("latest"), T0.plusSeconds(1))));

        putOk(manifest(repo, "m2"), List.of(), List.of(), tag("latest"));

        assertThat(lastPulls(repo)).containsExactly(entry("latest", T0.plusSeconds(1)));
        assertThat(lastPulls(elsewhere)).containsExactly(entry("latest", null));
        assertThat(store.activity().manifest(elsewhere, copy.digest()).orElseThrow().lastPulledAt()).isNull();
    }

    @Test
    void pullsOfWhatIsGoneChangeNothingAndCreateNothing() {
        RepositoryName repo = repo("times/app");
        ManifestRecord m = manifest(repo, "m");
        putOk(m, List.of(), List.of(), tag("v1"));
        store.manifests().delete(repo, m.digest());

        store.activity().recordPulls(List.of(new Pull(repo, m.digest(), tag("v1"), T0),
                new Pull(repo("times/none"), m.digest(), tag("v1"), T0),
                new Pull(repo, digest("never"), null, T0)));

        assertThat(store.repositories().list(null, 10)).containsExactly(repo);
        assertThat(store.activity().tags(repo, null, 10)).isEmpty();
        putOk(m, List.of(), List.of(), tag("v1"));
        assertThat(store.activity().manifest(repo, m.digest())).as("pushed again: never pulled since")
                .hasValue(new ManifestTimes(m.digest(), T0, null));
    }

    @Test
    void concurrentBatchesOfPullsKeepTheLatestTime() throws Exception {
        RepositoryName repo = repo("times/busy");
        List<ManifestRecord> manifests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ManifestRecord m = manifest(repo, "m" + i);
            putOk(m, List.of(), List.of(), tag("t" + i));
            manifests.add(m);
        }
        int nodes = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                int node = n;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 10; round++) {
                        List<Pull> batch = new ArrayList<>();
                        // Each node goes through the manifests in its own order, as batches from nodes would.
                        for (int i = 0; i < manifests.size(); i++) {
                            int k = (i + node * 7 + round) % manifests.size();
                            batch.add(new Pull(repo, manifests.get(k).digest(), tag("t" + k),
                                    T0.plusMillis(node * 1000L + round * 10L + k)));
                        }
                        store.activity().recordPulls(batch);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (int k = 0; k < manifests.size(); k++) {
            Instant latest = T0.plusMillis((nodes - 1) * 1000L + 9 * 10L + k);
            assertThat(store.activity().manifest(repo, manifests.get(k).digest())).map(ManifestTimes::lastPulledAt)
                    .hasValue(latest);
            assertThat(lastPulls(repo)).contains(entry("t" + k, latest));
        }
    }

    @Test
    void pullTimesSurviveReopening() throws Exception {
        RepositoryName repo = repo("times/app");
        ManifestRecord m = manifest(repo, "m");
        putOk(m, List.of(), List.of(), tag("v1"));
        store.activity().recordPulls(List.of(new Pull(repo, m.digest(), tag("v1"), T0.plusSeconds(7))));

        store = reopen(store);

        assertThat(store.activity().manifest(repo, m.digest()))
                .hasValue(new ManifestTimes(m.digest(), T0, T0.plusSeconds(7)));
        assertThat(lastPulls(repo)).containsExactly(entry("v1", T0.plusSeconds(7)));
    }

    // ---------------------------------------------------------------- lifecycle: immutable tags in the index

    @Test
    void anImmutableTagMayBeCreatedAndPutAgainOnItsManifestButNeverMoved() {
        RepositoryName repo = repo("team-a/app");
        Predicate<Tag> releases = t -> t.value().startsWith("v");
        ManifestRecord m1 = manifest(repo, "m1");
        ManifestRecord m2 = manifest(repo, "m2");

        assertThat(store.manifests().put(m1, List.of(), List.of(), List.of(tag("v1"), tag("latest")), releases))
                .isEmpty();
        assertThat(store.manifests().put(m1, List.of(), List.of(), List.of(tag("v1")), releases))
                .as("the same manifest again").isEmpty();

        assertThatThrownBy(() -> store.manifests().put(m2, List.of(), List.of(),
                List.of(tag("latest"), tag("new"), tag("v1")), releases))
                .isInstanceOfSatisfying(ImmutableTagException.class, e -> assertThat(e.tag()).isEqualTo(tag("v1")));

        assertThat(store.manifests().find(repo, m2.digest())).as("nothing written").isEmpty();
        assertThat(store.manifests().tags(repo, null, 10)).containsExactly(tag("latest"), tag("v1"));
        assertThat(store.manifests().resolve(repo, tag("latest"))).hasValue(m1.digest());
        assertThat(store.manifests().resolve(repo, tag("v1"))).hasValue(m1.digest());

        assertThat(store.manifests().put(m2, List.of(), List.of(), List.of(tag("latest"), tag("v2")), releases))
                .as("tags the test does not accept move freely").isEmpty();
        assertThat(store.manifests().resolve(repo, tag("latest"))).hasValue(m2.digest());
        assertThat(store.manifests().put(m2, List.of(), List.of(), List.of(tag("v1")), t -> false))
                .as("immutability is the caller's to ask for").isEmpty();
        assertThat(store.manifests().resolve(repo, tag("v1"))).hasValue(m2.digest());
    }

    @Test
    void aPutOfAnImmutableTagThatFailsOnAMissingBlobReportsTheBlob() {
        RepositoryName repo = repo("team-a/app");
        putOk(manifest(repo, "m1"), List.of(), List.of(), tag("v1"));

        assertThat(store.manifests().put(manifest(repo, "m2"), List.of(digest("missing")), List.of(),
                List.of(tag("v1")), t -> true)).containsExactly(digest("missing"));
    }

    @Test
    void ofManyCreatingTheSameImmutableTagAtOnceExactlyOneWins() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 5; round++) {
                RepositoryName repo = repo("race/app" + round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    ManifestRecord m = manifest(repo, "writer-" + w);
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            return store.manifests().put(m, List.of(), List.of(), List.of(tag("release")),
                                    t -> true).isEmpty();
                        } catch (ImmutableTagException e) {
                            return false;
                        }
                    }));
                }
                start.countDown();
                List<Digest> winners = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    if (results.get(w).get(60, TimeUnit.SECONDS)) {
                        winners.add(manifest(repo, "writer-" + w).digest());
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(store.manifests().resolve(repo, tag("release"))).hasValue(winners.getFirst());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aManifestCarryingAnImmutableTagIsNotDeletedByDigest() {
        RepositoryName repo = repo("team-a/app");
        ManifestRecord kept = manifest(repo, "kept");
        ManifestRecord free = manifest(repo, "free");
        putOk(kept, List.of(), List.of(), tag("latest"), tag("v1"));
        putOk(free, List.of(), List.of(), tag("dev"));
        Predicate<Tag> releases = t -> t.value().startsWith("v");

        assertThatThrownBy(() -> store.manifests().delete(repo, kept.digest(), releases))
                .isInstanceOfSatisfying(ImmutableTagException.class, e -> assertThat(e.tag()).isEqualTo(tag("v1")));

        assertThat(store.manifests().find(repo, kept.digest())).isPresent();
        assertThat(store.manifests().tags(repo, null, 10)).containsExactly(tag("dev"), tag("latest"), tag("v1"));
        assertThat(store.manifests().delete(repo, free.digest(), releases)).isTrue();
        assertThat(store.manifests().delete(repo, free.digest(), releases)).isFalse();
        assertThat(store.manifests().deleteTag(repo, tag("v1"))).as("which tags may go is the caller's to check")
                .isTrue();
        assertThat(store.manifests().delete(repo, kept.digest(), releases)).isTrue();
        assertThat(store.manifests().tags(repo, null, 10)).isEmpty();
    }

    // ---------------------------------------------------------------- lifecycle: immutability rules and quotas

    @Test
    void immutabilityRulesNeedANamespaceGetIncreasingIdsAndListInTheOrderAdded() {
        store.namespaces().create(namespace("team-a"));
        store.namespaces().create(namespace("team-b"));
        ImmutabilityRule releases = new ImmutabilityRule("team-a", null, "v[0-9]+(\\.[0-9]+)*");
        ImmutabilityRule prod = new ImmutabilityRule("team-a", "team-a/prod-*", ".*");
        ImmutabilityRule other = new ImmutabilityRule("team-b", "team-b/**", "stable");

        assertThat(store.policies().addImmutabilityRule(new ImmutabilityRule("ghost", null, ".*"))).isEmpty();
        long releasesId = store.policies().addImmutabilityRule(releases).orElseThrow();
        long prodId = store.policies().addImmutabilityRule(prod).orElseThrow();
        long otherId = store.policies().addImmutabilityRule(other).orElseThrow();

        assertThat(releasesId).isPositive();
        assertThat(prodId).isGreaterThan(releasesId);
        assertThat(otherId).isGreaterThan(prodId);
        assertThat(store.policies().immutabilityRules("team-a")).containsExactly(
                new ImmutabilityRule(releasesId, "team-a", null, "v[0-9]+(\\.[0-9]+)*"),
                new ImmutabilityRule(prodId, "team-a", "team-a/prod-*", ".*"));
        assertThat(store.policies().immutabilityRules("ghost")).isEmpty();

        assertThat(store.policies().removeImmutabilityRule(otherId)).isTrue();
        assertThat(store.policies().removeImmutabilityRule(otherId)).isFalse();
        assertThat(store.policies().immutabilityRules("team-b")).isEmpty();
        assertThat(store.policies().addImmutabilityRule(other).orElseThrow()).as("ids are never reused")
                .isGreaterThan(otherId);
        assertThatThrownBy(() -> store.policies().addImmutabilityRule(new ImmutabilityRule(5, "team-a", null, "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.namespaces().rules("team-a")).as("not access rules").isEmpty();
    }

    @Test
    void theRulesCoveringARepositoryAreThoseOfEveryNamespaceAboveItAtASlash() {
        for (String name : List.of("team-a", "team-a/ci", "team-ab", "team", "team-a/ci/app/x")) {
            store.namespaces().create(namespace(name));
        }
        long outer = store.policies().addImmutabilityRule(new ImmutabilityRule("team-a", null, "v.*")).orElseThrow();
        store.policies().addImmutabilityRule(new ImmutabilityRule("team-ab", null, "a.*"));
        store.policies().addImmutabilityRule(new ImmutabilityRule("team", null, "b.*"));
        long inner = store.policies().addImmutabilityRule(new ImmutabilityRule("team-a/ci", "team-a/ci/*", "c.*"))
                .orElseThrow();
        store.policies().addImmutabilityRule(new ImmutabilityRule("team-a/ci/app/x", null, "d.*"));

        assertThat(store.policies().immutabilityRulesCovering(repo("team-a/ci/app")))
                .extracting(ImmutabilityRule::id).containsExactly(outer, inner);
        assertThat(store.policies().immutabilityRulesCovering(repo("team-a"))).extracting(ImmutabilityRule::id)
                .containsExactly(outer);
        assertThat(store.policies().immutabilityRulesCovering(repo("team-a0/x"))).isEmpty();
        assertThat(store.policies().immutabilityRulesCovering(repo("other"))).isEmpty();
        assertThat(Namespaces.covering(repo("team-a/ci/app"))).containsExactly("team-a", "team-a/ci", "team-a/ci/app");
        assertThat(Namespaces.covers("team-a", repo("team-ab"))).isFalse();
        assertThat(Namespaces.covers("team-a", repo("team-a/x"))).isTrue();
        assertThat(Namespaces.covers("team-a", repo("team-a"))).isTrue();
    }

    @Test
    void immutabilityRulesRefuseWhatCannotBeStoredOrCompiled() {
        for (String regex : List.of("", "(", "[a-", "a{2,1}", "x".repeat(ImmutabilityRule.MAX_REGEX_LENGTH + 1),
                "a\nb", "\u0000", "smile\uD83D\uDE00")) {
            assertThat(ImmutabilityRule.isValidTagRegex(regex)).as("regex %s", regex).isFalse();
            assertThatThrownBy(() -> new ImmutabilityRule("team-a", null, regex)).as("regex %s", regex)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(ImmutabilityRule.isValidTagRegex(null)).isFalse();
        assertThat(new ImmutabilityRule("team-a", null, "x".repeat(ImmutabilityRule.MAX_REGEX_LENGTH)).tagRegex())
                .hasSize(ImmutabilityRule.MAX_REGEX_LENGTH);
        for (String glob : List.of("", "a\tb", "x".repeat(Names.MAX_LENGTH + 1))) {
            assertThatThrownBy(() -> new ImmutabilityRule("team-a", glob, ".*")).isInstanceOf(
                    IllegalArgumentException.class);
        }
        for (String namespace : List.of("Team", "team/", "", "a//b")) {
            assertThatThrownBy(() -> new ImmutabilityRule(namespace, null, ".*")).isInstanceOf(
                    IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new ImmutabilityRule(-1, "team-a", null, ".*"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ImmutabilityRule("team-a", null, "v\\d+").pattern().matcher("v12").matches()).isTrue();
    }

    @Test
    void aQuotaIsSetChangedAndRemovedOnAnExistingNamespaceOnly() {
        store.namespaces().create(namespace("team-a"));

        assertThat(store.policies().quota("team-a")).isEmpty();
        assertThat(store.policies().setQuota("team-a", OptionalLong.of(1000))).isTrue();
        assertThat(store.policies().quota("team-a")).hasValue(1000);
        assertThat(store.policies().setQuota("team-a", OptionalLong.of(0))).isTrue();
        assertThat(store.policies().quota("team-a")).hasValue(0);
        assertThat(store.policies().setQuota("team-a", OptionalLong.of(Long.MAX_VALUE))).isTrue();
        assertThat(store.policies().quota("team-a")).hasValue(Long.MAX_VALUE);
        assertThat(store.policies().setQuota("team-a", OptionalLong.empty())).isTrue();
        assertThat(store.policies().quota("team-a")).isEmpty();

        assertThat(store.policies().setQuota("ghost", OptionalLong.of(5))).isFalse();
        assertThat(store.policies().quota("ghost")).isEmpty();
        assertThat(store.namespaces().find("ghost")).as("setting a quota creates nothing").isEmpty();
        assertThatThrownBy(() -> store.policies().setQuota("team-a", OptionalLong.of(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.namespaces().find("team-a")).hasValue(namespace("team-a"));
    }

    @Test
    void deletingANamespaceDeletesItsPoliciesSoANamespaceCreatedAgainHasNone() {
        store.namespaces().create(namespace("team-a"));
        store.namespaces().create(namespace("team-b"));
        store.policies().addImmutabilityRule(new ImmutabilityRule("team-a", null, ".*"));
        long kept = store.policies().addImmutabilityRule(new ImmutabilityRule("team-b", null, ".*")).orElseThrow();
        store.policies().setQuota("team-a", OptionalLong.of(10));
        store.policies().setQuota("team-b", OptionalLong.of(20));

        assertThat(store.namespaces().delete("team-a")).isTrue();
        store.namespaces().create(namespace("team-a"));

        assertThat(store.policies().immutabilityRules("team-a")).isEmpty();
        assertThat(store.policies().quota("team-a")).isEmpty();
        assertThat(store.policies().immutabilityRules("team-b")).extracting(ImmutabilityRule::id)
                .containsExactly(kept);
        assertThat(store.policies().quota("team-b")).hasValue(20);
    }

    @Test
    void noRuleOutlivesANamespaceDeletedAtTheSameMoment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                store.namespaces().create(namespace("racing"));
                CountDownLatch start = new CountDownLatch(1);
                Future<OptionalLong> add = pool.submit(() -> {
                    start.await();
                    return store.policies().addImmutabilityRule(new ImmutabilityRule("racing", null, ".*"));
                });
                Future<Boolean> delete = pool.submit(() -> {
                    start.await();
                    return store.namespaces().delete("racing");
                });
                start.countDown();
                add.get(30, TimeUnit.SECONDS);
                assertThat(delete.get(30, TimeUnit.SECONDS)).isTrue();
                assertThat(store.policies().immutabilityRules("racing")).as("round %d", round).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void policiesSurviveReopening() throws Exception {
        store.namespaces().create(namespace("team-a"));
        long id = store.policies().addImmutabilityRule(new ImmutabilityRule("team-a", "team-a/*", "v.*"))
                .orElseThrow();
        store.policies().setQuota("team-a", OptionalLong.of(4096));

        store = reopen(store);

        assertThat(store.policies().immutabilityRules("team-a"))
                .containsExactly(new ImmutabilityRule(id, "team-a", "team-a/*", "v.*"));
        assertThat(store.policies().quota("team-a")).hasValue(4096);
    }

    // ---------------------------------------------------------------- lifecycle: retention policies

    /** A policy with every field set, for round trips. */
    private static RetentionPolicy fullPolicy(String namespace) {
        return new RetentionPolicy(0, namespace, namespace + "/*", 5, Duration.ofDays(1), Duration.ofHours(12),
                "v.*", "v0\\..*", Duration.ofDays(7), true);
    }

    @Test
    void retentionPoliciesNeedANamespaceGetIncreasingIdsAndComeBackWithEveryField() {
        store.namespaces().create(namespace("team-a"));
        store.namespaces().create(namespace("team-b"));
        RetentionPolicy full = fullPolicy("team-a");
        RetentionPolicy untaggedOnly = RetentionPolicy.in("team-a").untaggedOlderThan(Duration.ofMillis(1))
                .enabled(false).build();
        RetentionPolicy other = RetentionPolicy.in("team-b").keepLastTags(0).build();

        assertThat(store.retention().addPolicy(RetentionPolicy.in("ghost").keepLastTags(1).build())).isEmpty();
        long fullId = store.retention().addPolicy(full).orElseThrow();
        long untaggedId = store.retention().addPolicy(untaggedOnly).orElseThrow();
        long otherId = store.retention().addPolicy(other).orElseThrow();

        assertThat(fullId).isPositive();
        assertThat(untaggedId).isGreaterThan(fullId);
        assertThat(otherId).isGreaterThan(untaggedId);
        assertThat(store.retention().policies("team-a"))
                .containsExactly(full.withId(fullId), untaggedOnly.withId(untaggedId));
        assertThat(store.retention().policies("team-b")).containsExactly(other.withId(otherId));
        assertThat(store.retention().policies("ghost")).isEmpty();
        assertThat(store.retention().policies("team-a").getFirst().keepLastTags()).isEqualTo(5);
        assertThat(store.retention().policies("team-a").get(1).keepLastTags()).isNull();

        assertThat(store.retention().removePolicy(otherId)).isTrue();
        assertThat(store.retention().removePolicy(otherId)).isFalse();
        assertThat(store.retention().policies("team-b")).isEmpty();
        assertThat(store.retention().addPolicy(other).orElseThrow()).as("ids are never reused")
                .isGreaterThan(otherId);
        assertThatThrownBy(() -> store.retention().addPolicy(full.withId(7)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.policies().immutabilityRules("team-a")).as("not immutability rules").isEmpty();
    }

    @Test
    void allRetentionPoliciesListByIdPageByPage() {
        List<RetentionPolicy> added = new ArrayList<>();
        for (String name : List.of("b", "a", "c/d", "a")) {
            store.namespaces().create(namespace(name));
            RetentionPolicy policy = RetentionPolicy.in(name).keepLastTags(added.size()).build();
            added.add(policy.withId(store.retention().addPolicy(policy).orElseThrow()));
        }

        for (int pageSize : List.of(1, 3, 100)) {
            List<RetentionPolicy> all = new ArrayList<>();
            long after = 0;
            for (List<RetentionPolicy> page = store.retention().allPolicies(after, pageSize); !page.isEmpty();
                 page = store.retention().allPolicies(after, pageSize)) {
                assertThat(page.size()).isLessThanOrEqualTo(pageSize);
                all.addAll(page);
                after = page.getLast().id();
            }
            assertThat(all).as("page size %d", pageSize).containsExactlyElementsOf(added);
        }
        assertThat(store.retention().allPolicies(added.get(1).id(), 100)).containsExactlyElementsOf(
                added.subList(2, 4));
        assertThat(store.retention().allPolicies(0, 0)).isEmpty();
        assertThatThrownBy(() -> store.retention().allPolicies(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void updatingAPolicyReplacesItsRulesButNeverMovesItToAnotherNamespace() {
        store.namespaces().create(namespace("team-a"));
        store.namespaces().create(namespace("team-b"));
        long id = store.retention().addPolicy(fullPolicy("team-a")).orElseThrow();
        RetentionPolicy changed = RetentionPolicy.in("team-a").keepPulledWithin(Duration.ofDays(30))
                .excludeTags("latest").enabled(false).build().withId(id);

        assertThat(store.retention().updatePolicy(changed)).isTrue();
        assertThat(store.retention().policies("team-a")).containsExactly(changed);

        RetentionPolicy moved = RetentionPolicy.in("team-b").keepLastTags(1).build().withId(id);
        assertThat(store.retention().updatePolicy(moved)).isFalse();
        assertThat(store.retention().updatePolicy(changed.withId(id + 100))).isFalse();
        assertThat(store.retention().policies("team-a")).containsExactly(changed);
        assertThat(store.retention().policies("team-b")).isEmpty();

        assertThat(store.retention().updatePolicy(changed.withEnabled(true))).isTrue();
        assertThat(store.retention().policies("team-a")).containsExactly(changed.withEnabled(true));
    }

    @Test
    void theRetentionPoliciesCoveringARepositoryAreThoseOfEveryNamespaceAboveItAtASlash() {
        for (String name : List.of("team-a", "team-a/ci", "team-ab", "team", "team-a/ci/app/x")) {
            store.namespaces().create(namespace(name));
        }
        long outer = store.retention().addPolicy(RetentionPolicy.in("team-a").keepLastTags(1).build())
                .orElseThrow();
        store.retention().addPolicy(RetentionPolicy.in("team-ab").keepLastTags(2).build());
        store.retention().addPolicy(RetentionPolicy.in("team").keepLastTags(3).build());
        long inner = store.retention().addPolicy(RetentionPolicy.in("team-a/ci").repositories("team-a/ci/*")
                .keepLastTags(4).enabled(false).build()).orElseThrow();
        store.retention().addPolicy(RetentionPolicy.in("team-a/ci/app/x").keepLastTags(5).build());

        assertThat(store.retention().policiesCovering(repo("team-a/ci/app"))).extracting(RetentionPolicy::id)
                .as("enabled or not, globs not applied").containsExactly(outer, inner);
        assertThat(store.retention().policiesCovering(repo("team-a"))).extracting(RetentionPolicy::id)
                .containsExactly(outer);
        assertThat(store.retention().policiesCovering(repo("team-a0/x"))).isEmpty();
        assertThat(store.retention().policiesCovering(repo("other"))).isEmpty();
    }

    @Test
    void retentionPoliciesRefuseWhatCannotBeStoredOrDoesNothing() {
        List<Runnable> refused = List.of(
                () -> new RetentionPolicy(-1, "team-a", null, 1, null, null, null, null, null, true),
                () -> RetentionPolicy.in("Team").keepLastTags(1).build(),
                () -> RetentionPolicy.in("team-a").repositories("").keepLastTags(1).build(),
                () -> RetentionPolicy.in("team-a").repositories("a\tb").keepLastTags(1).build(),
                () -> RetentionPolicy.in("team-a").keepLastTags(-1).build(),
                () -> RetentionPolicy.in("team-a").keepLastTags(RetentionPolicy.MAX_KEEP_LAST_TAGS + 1).build(),
                () -> RetentionPolicy.in("team-a").keepPushedWithin(Duration.ZERO).build(),
                () -> RetentionPolicy.in("team-a").keepPulledWithin(Duration.ofMillis(-5)).build(),
                () -> RetentionPolicy.in("team-a").untaggedOlderThan(Duration.ofNanos(999_999)).build(),
                () -> RetentionPolicy.in("team-a").untaggedOlderThan(RetentionPolicy.MAX_PERIOD.plusMillis(1))
                        .build(),
                () -> RetentionPolicy.in("team-a").keepLastTags(1).includeTags("(").build(),
                () -> RetentionPolicy.in("team-a").keepLastTags(1).excludeTags("").build(),
                () -> RetentionPolicy.in("team-a").keepLastTags(1)
                        .includeTags("x".repeat(ImmutabilityRule.MAX_REGEX_LENGTH + 1)).build(),
                () -> RetentionPolicy.in("team-a").build(),
                () -> RetentionPolicy.in("team-a").includeTags("pr-.*").build(),
                () -> RetentionPolicy.in("team-a").excludeTags("v.*").untaggedOlderThan(Duration.ofDays(1))
                        .build());
        for (int i = 0; i < refused.size(); i++) {
            assertThatThrownBy(refused.get(i)::run).as("case %d", i).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(RetentionPolicy.in("team-a").keepPushedWithin(Duration.ofNanos(1_500_000)).build()
                .keepPushedWithin()).as("kept to the millisecond").isEqualTo(Duration.ofMillis(1));
        assertThat(RetentionPolicy.in("team-a").keepLastTags(0).build().hasTagRules()).isTrue();
        assertThat(RetentionPolicy.in("team-a").untaggedOlderThan(RetentionPolicy.MAX_PERIOD).build().hasTagRules())
                .isFalse();
        assertThat(RetentionPolicy.isValidTagRegex("v[0-9]+")).isTrue();
        assertThat(RetentionPolicy.isValidTagRegex("[")).isFalse();
    }

    @Test
    void deletingANamespaceDeletesItsRetentionPoliciesSoANamespaceCreatedAgainHasNone() {
        store.namespaces().create(namespace("team-a"));
        store.namespaces().create(namespace("team-b"));
        store.retention().addPolicy(fullPolicy("team-a"));
        long kept = store.retention().addPolicy(fullPolicy("team-b")).orElseThrow();

        assertThat(store.namespaces().delete("team-a")).isTrue();
        store.namespaces().create(namespace("team-a"));

        assertThat(store.retention().policies("team-a")).isEmpty();
        assertThat(store.retention().allPolicies(0, 10)).extracting(RetentionPolicy::id).containsExactly(kept);
    }

    @Test
    void noRetentionPolicyOutlivesANamespaceDeletedAtTheSameMoment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                store.namespaces().create(namespace("racing"));
                CountDownLatch start = new CountDownLatch(1);
                Future<OptionalLong> add = pool.submit(() -> {
                    start.await();
                    return store.retention().addPolicy(RetentionPolicy.in("racing").keepLastTags(1).build());
                });
                Future<Boolean> delete = pool.submit(() -> {
                    start.await();
                    return store.namespaces().delete("racing");
                });
                start.countDown();
                add.get(30, TimeUnit.SECONDS);
                assertThat(delete.get(30, TimeUnit.SECONDS)).isTrue();
                assertThat(store.retention().policies("racing")).as("round %d", round).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void retentionPoliciesSurviveReopening() throws Exception {
        store.namespaces().create(namespace("team-a"));
        long id = store.retention().addPolicy(fullPolicy("team-a")).orElseThrow();

        store = reopen(store);

        assertThat(store.retention().policies("team-a")).containsExactly(fullPolicy("team-a").withId(id));
    }

    // ---------------------------------------------------------------- lifecycle: what retention removes

    /**
     * In repo: tagged image {@code tagged}; untagged {@code plain} (pulled once); tagged index {@code index} listing
     * untagged {@code child}; untagged {@code signature} of {@code tagged} and untagged {@code sbom} of {@code plain};
     * untagged {@code signed} whose referrer {@code sig} is tagged; untagged {@code orphan} whose subject is not there.
     */
    private Map<String, ManifestRecord> referenceShapes(RepositoryName repo) {
        Map<String, ManifestRecord> m = new LinkedHashMap<>();
        m.put("tagged", manifest(repo, "tagged"));
        m.put("plain", manifest(repo, "plain"));
        m.put("child", manifest(repo, "child"));
        m.put("index", index(repo, "index"));
        m.put("signature", referrer(repo, m.get("tagged").digest(), SIGNATURE, Map.of(), "signature"));
        m.put("sbom", referrer(repo, m.get("plain").digest(), SBOM, Map.of(), "sbom"));
        m.put("signed", manifest(repo, "signed"));
        m.put("sig", referrer(repo, m.get("signed").digest(), SIGNATURE, Map.of(), "sig"));
        m.put("orphan", referrer(repo, digest("absent subject"), SBOM, Map.of(), "orphan"));
        putOk(m.get("tagged"), List.of(), List.of(), tag("v1"));
        putOk(m.get("plain"), List.of(), List.of());
        putOk(m.get("child"), List.of(), List.of());
        putOk(m.get("index"), List.of(), List.of(m.get("child").digest()), tag("multi"));
        putOk(m.get("signature"), List.of(), List.of());
        putOk(m.get("sbom"), List.of(), List.of());
        putOk(m.get("signed"), List.of(), List.of());
        putOk(m.get("sig"), List.of(), List.of(), tag("signed.sig"));
        putOk(m.get("orphan"), List.of(), List.of());
        store.activity().recordPulls(List.of(new Pull(repo, m.get("plain").digest(), null, T0.plusSeconds(30))));
        return m;
    }

    @Test
    void untaggedManifestsAreListedByDigestWithTheirTimesAndWhatRefersToThem() {
        RepositoryName repo = repo("team-a/app");
        Map<String, ManifestRecord> m = referenceShapes(repo);
        putOk(manifest(repo("team-a/other"), "elsewhere"), List.of(), List.of());

        Map<Digest, UntaggedManifest> expected = new java.util.TreeMap<>();
        for (UntaggedManifest u : List.of(
                new UntaggedManifest(m.get("plain").digest(), T0, T0.plusSeconds(30), null, false, false, false),
                new UntaggedManifest(m.get("child").digest(), T0, null, null, false, true, false),
                new UntaggedManifest(m.get("signature").digest(), T0, null, m.get("tagged").digest(), true, false,
                        false),
                new UntaggedManifest(m.get("sbom").digest(), T0, null, m.get("plain").digest(), true, false, false),
                new UntaggedManifest(m.get("signed").digest(), T0, null, null, false, false, true),
                new UntaggedManifest(m.get("orphan").digest(), T0, null, digest("absent subject"), false, false,
                        false))) {
            expected.put(u.digest(), u);
        }

        assertThat(store.retention().untaggedManifests(repo, null, 100))
                .containsExactlyElementsOf(expected.values());
        for (int pageSize : List.of(1, 2, 100)) {
            List<UntaggedManifest> all = new ArrayList<>();
            Digest after = null;
            for (List<UntaggedManifest> page = store.retention().untaggedManifests(repo, after, pageSize);
                 !page.isEmpty(); page = store.retention().untaggedManifests(repo, after, pageSize)) {
                assertThat(page.size()).isLessThanOrEqualTo(pageSize);
                all.addAll(page);
                after = page.getLast().digest();
            }
            assertThat(all).as("page size %d", pageSize).containsExactlyElementsOf(expected.values());
        }
        assertThat(store.retention().untaggedManifests(repo("team-a/none"), null, 10)).isEmpty();
        assertThat(store.retention().untaggedManifests(repo, null, 0)).isEmpty();
        assertThatThrownBy(() -> store.retention().untaggedManifests(repo, null, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new UntaggedManifest(digest("x"), T0, T0.plusSeconds(1), null, false, false, false)
                .lastActiveAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(new UntaggedManifest(digest("x"), T0, null, null, false, false, false).lastActiveAt())
                .isEqualTo(T0);
    }

    @Test
    void aManifestLosingItsLastTagIsListedAsUntaggedAndOneGainingATagIsNot() {
        RepositoryName repo = repo("team-a/app");
        ManifestRecord a = manifest(repo, "a");
        ManifestRecord b = manifest(repo, "b");
        putOk(a, List.of(), List.of(), tag("latest"), tag("v1"));
        putOk(b, List.of(), List.of());

        assertThat(store.retention().untaggedManifests(repo, null, 10)).extracting(UntaggedManifest::digest)
                .containsExactly(b.digest());
        store.manifests().deleteTag(repo, tag("latest"));
        putOk(b, List.of(), List.of(), tag("v1"));

        assertThat(store.retention().untaggedManifests(repo, null, 10)).extracting(UntaggedManifest::digest)
                .containsExactly(a.digest());
    }

    @Test
    void aTagIsDeletedOnlyWhileItIsExactlyAsItWasRead() throws Exception {
        RepositoryName repo = repo("team-a/app");
        ManifestRecord m1 = manifest(repo, "m1");
        ManifestRecord m2 = manifest(repo, "m2");
        putOk(m1, List.of(), List.of(), tag("a"), tag("b"), tag("c"), tag("d"));
        List<TagRecord> read = store.activity().tags(repo, null, 10);
        TagRecord a = read.get(0);
        TagRecord b = read.get(1);
        TagRecord c = read.get(2);
        TagRecord d = read.get(3);

        putOk(m2, List.of(), List.of(), tag("b"));
        Thread.sleep(5);
        putOk(m1, List.of(), List.of(), tag("c"));
        store.activity().recordPulls(List.of(new Pull(repo, m1.digest(), tag("d"), T0)));

        assertThat(store.manifests().deleteTagIfUnchanged(repo, b)).as("moved").isFalse();
        assertThat(store.manifests().deleteTagIfUnchanged(repo, c)).as("pushed again").isFalse();
        assertThat(store.manifests().deleteTagIfUnchanged(repo, d)).as("pulled").isFalse();
        assertThat(store.manifests().deleteTagIfUnchanged(repo("team-a/other"), a)).isFalse();
        assertThat(store.manifests().deleteTagIfUnchanged(repo, a)).isTrue();
        assertThat(store.manifests().deleteTagIfUnchanged(repo, a)).as("gone").isFalse();

        assertThat(store.manifests().tags(repo, null, 10)).containsExactly(tag("b"), tag("c"), tag("d"));
        assertThat(store.manifests().find(repo, m1.digest())).as("the manifest stays").isPresent();
        TagRecord pulled = store.activity().tags(repo, "c", 10).getFirst();
        assertThat(pulled.lastPulledAt()).isEqualTo(T0);
        assertThat(store.manifests().deleteTagIfUnchanged(repo, pulled)).isTrue();
        assertThat(store.manifests().tags(repo, null, 10)).containsExactly(tag("b"), tag("c"));
    }

    @Test
    void anUntaggedManifestIsDeletedWithExactlyItsReferrersAndTheirReferences() {
        RepositoryName repo = repo("team-a/app");
        Digest layer = linkedBlob(repo, "layer");
        ManifestRecord image = manifest(repo, "image");
        ManifestRecord sbom = referrer(repo, image.digest(), SBOM, Map.of(), "sbom");
        ManifestRecord sbomSignature = referrer(repo, sbom.digest(), SIGNATURE, Map.of(), "sbom signature");
        ManifestRecord keep = manifest(repo, "keep");
        putOk(image, List.of(layer), List.of());
        putOk(sbom, List.of(layer), List.of());
        putOk(sbomSignature, List.of(), List.of());
        putOk(keep, List.of(layer), List.of(), tag("keep"));
        Instant inactiveBefore = T0.plusMillis(1);

        assertThat(store.manifests().deleteUntagged(repo, image.digest(), inactiveBefore, List.of(sbom.digest())))
                .as("the referrers' referrers too").isFalse();
        assertThat(store.manifests().deleteUntagged(repo, image.digest(), inactiveBefore,
                List.of(sbom.digest(), sbomSignature.digest(), keep.digest()))).as("exactly those").isFalse();
        assertThat(store.manifests().find(repo, image.digest())).isPresent();

        assertThat(store.manifests().deleteUntagged(repo, image.digest(), inactiveBefore,
                List.of(sbomSignature.digest(), sbom.digest()))).isTrue();

        assertThat(store.manifests().find(repo, image.digest())).isEmpty();
        assertThat(store.manifests().find(repo, sbom.digest())).isEmpty();
        assertThat(store.manifests().find(repo, sbomSignature.digest())).isEmpty();
        assertThat(store.retention().untaggedManifests(repo, null, 10)).isEmpty();
        assertThat(store.manifests().resolve(repo, tag("keep"))).hasValue(keep.digest());
        assertThat(store.garbage().collectable(afterEverything(), null, 10)).as("the kept manifest uses the layer")
                .isEmpty();
        store.manifests().delete(repo, keep.digest());
        assertThat(store.garbage().collectable(afterEverything(), null, 10)).extracting(BlobRecord::digest)
                .as("no reference left behind").containsExactly(layer);
        assertThat(store.garbage().countPrunableLinks(afterEverything())).isEqualTo(1);
        assertThat(store.manifests().deleteUntagged(repo, image.digest(), inactiveBefore, List.of())).isFalse();
        assertThat(store.manifests().deleteUntagged(repo("team-a/none"), image.digest(), inactiveBefore, List.of()))
                .isFalse();
    }

    @Test
    void anUntaggedManifestIsNotDeletedWhileAnythingStillHoldsIt() {
        RepositoryName repo = repo("team-a/app");
        Map<String, ManifestRecord> m = referenceShapes(repo);
        Instant old = T0.plusMillis(1);
        Instant afterPull = T0.plusSeconds(31);

        assertThat(store.manifests().deleteUntagged(repo, m.get("tagged").digest(), afterPull,
                List.of(m.get("signature").digest()))).as("tagged").isFalse();
        assertThat(store.manifests().deleteUntagged(repo, m.get("child").digest(), afterPull, List.of()))
                .as("listed by an index").isFalse();
        assertThat(store.manifests().deleteUntagged(repo, m.get("plain").digest(), old,
                List.of(m.get("sbom").digest()))).as("pulled since").isFalse();
        assertThat(store.manifests().deleteUntagged(repo, m.get("orphan").digest(), T0, List.of()))
                .as("pushed at the cutoff").isFalse();
        assertThat(store.manifests().deleteUntagged(repo, m.get("signature").digest(), afterPull, List.of()))
                .as("its subject is there").isFalse();
        assertThat(store.manifests().deleteUntagged(repo, m.get("signed").digest(), afterPull,
                List.of(m.get("sig").digest()))).as("its referrer is tagged").isFalse();
        assertThat(store.manifests().deleteUntagged(repo, m.get("plain").digest(), afterPull, List.of()))
                .as("its referrer not named").isFalse();

        for (ManifestRecord manifest : m.values()) {
            assertThat(store.manifests().find(repo, manifest.digest())).as("nothing deleted").isPresent();
        }
        assertThat(store.manifests().tags(repo, null, 10)).containsExactly(tag("multi"), tag("signed.sig"),
                tag("v1"));

        assertThat(store.manifests().deleteUntagged(repo, m.get("plain").digest(), afterPull,
                List.of(m.get("sbom").digest()))).isTrue();
        assertThat(store.manifests().deleteUntagged(repo, m.get("orphan").digest(), old, List.of())).isTrue();
        assertThat(store.retention().untaggedManifests(repo, null, 10)).extracting(UntaggedManifest::digest)
                .containsExactlyInAnyOrder(m.get("child").digest(), m.get("signature").digest(),
                        m.get("signed").digest());
    }

    @Test
    void aReferrerListedByAnIndexHoldsItsSubject() {
        RepositoryName repo = repo("team-a/app");
        ManifestRecord image = manifest(repo, "image");
        ManifestRecord sbom = referrer(repo, image.digest(), SBOM, Map.of(), "sbom");
        ManifestRecord bundle = index(repo, "bundle");
        putOk(image, List.of(), List.of());
        putOk(sbom, List.of(), List.of());
        putOk(bundle, List.of(), List.of(sbom.digest()), tag("bundle"));

        assertThat(store.manifests().deleteUntagged(repo, image.digest(), T0.plusSeconds(1), List.of(sbom.digest())))
                .isFalse();
        assertThat(store.manifests().find(repo, image.digest())).isPresent();
        assertThat(store.manifests().find(repo, sbom.digest())).isPresent();
    }

    @Test
    void aManifestRetentionDeletesIsNeverLeftTaggedOrListedByAConcurrentPut() throws Exception {
        RepositoryName repo = repo("team-a/racing");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                ManifestRecord m = manifest(repo, "m" + round);
                ManifestRecord listing = index(repo, "index" + round);
                putOk(m, List.of(), List.of());
                boolean byIndex = round % 2 == 0;
                Tag roundTag = tag("t" + round);
                CountDownLatch start = new CountDownLatch(1);
                Future<Boolean> delete = pool.submit(() -> {
                    start.await();
                    return store.manifests().deleteUntagged(repo, m.digest(), T0.plusSeconds(1), List.of());
                });
                Future<Set<Digest>> put = pool.submit(() -> {
                    start.await();
                    return byIndex ? store.manifests().put(listing, List.of(), List.of(m.digest()), List.of())
                            : store.manifests().put(m, List.of(), List.of(), List.of(roundTag));
                });
                start.countDown();
                boolean deleted = delete.get(30, TimeUnit.SECONDS);
                Set<Digest> missing = put.get(30, TimeUnit.SECONDS);
                if (byIndex) {
                    assertThat(missing.isEmpty()).as("round %d: the index went in iff the manifest stayed", round)
                            .isEqualTo(!deleted);
                    assertThat(store.manifests().find(repo, m.digest()).isPresent()).isEqualTo(!deleted);
                } else {
                    assertThat(missing).isEmpty();
                    assertThat(store.manifests().resolve(repo, roundTag)).as("round %d", round)
                            .hasValue(m.digest());
                    assertThat(store.manifests().find(repo, m.digest())).as("round %d: never a dangling tag", round)
                            .isPresent();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedStoreRefusesRetentionWork() {
        store.close();

        assertThatThrownBy(() -> store.retention().addPolicy(RetentionPolicy.in("team-a").keepLastTags(1).build()))
                .isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.retention().policies("team-a")).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.retention().allPolicies(0, 10)).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.retention().untaggedManifests(repo("a"), null, 10))
                .isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.manifests().deleteUntagged(repo("a"), digest("m"), T0, List.of()))
                .isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.manifests().deleteTagIfUnchanged(repo("a"),
                new TagRecord(tag("t"), digest("m"), T0, null))).isInstanceOf(MetadataException.class);
    }

    // ---------------------------------------------------------------- lifecycle: usage

    /**
     * Layers shared across repositories and namespaces: team-a/app has config C (5) and layers L1 (10), L2 (20);
     * team-a/web has L1 and L3 (40); team-b/app has L2 and L4 (80); team-ab/app and team-a0 (outside team-a) have L5
     * (160); team-a/ci/app (nested) has L6 (320) alone.
     */
    private Map<String, Digest> sharedLayers() {
        Map<String, Digest> blobs = new LinkedHashMap<>();
        blobs.put("C", blobOfSize(repo("team-a/app"), "C", 5));
        blobs.put("L1", blobOfSize(repo("team-a/app"), "L1", 10));
        blobs.put("L2", blobOfSize(repo("team-a/app"), "L2", 20));
        blobOfSize(repo("team-a/web"), "L1", 10);
        blobs.put("L3", blobOfSize(repo("team-a/web"), "L3", 40));
        blobOfSize(repo("team-b/app"), "L2", 20);
        blobs.put("L4", blobOfSize(repo("team-b/app"), "L4", 80));
        blobs.put("L5", blobOfSize(repo("team-ab/app"), "L5", 160));
        blobOfSize(repo("team-a0"), "L5", 160);
        blobOfSize(repo("team-a.x"), "L5", 160);
        blobs.put("L6", blobOfSize(repo("team-a/ci/app"), "L6", 320));
        return blobs;
    }

    @Test
    void repositoryUsageCountsItsBlobsOnceAndWhatOnlyItHasAsUnique() {
        Map<String, Digest> blobs = sharedLayers();
        ManifestRecord image = manifest(repo("team-a/app"), "image");
        putOk(image, List.of(blobs.get("C"), blobs.get("L1"), blobs.get("L2")), List.of(), tag("v1"));
        long manifestBytes = image.size();

        assertThat(store.usage().repository(repo("team-a/app")))
                .isEqualTo(new RepositoryUsage(repo("team-a/app"), 3, 35, 1, manifestBytes, 5));
        assertThat(store.usage().repository(repo("team-a/app")).logicalBytes()).isEqualTo(35 + manifestBytes);
        assertThat(store.usage().repository(repo("team-a/app")).uniqueBytes()).isEqualTo(5 + manifestBytes);
        assertThat(store.usage().repository(repo("team-a/web")))
                .isEqualTo(new RepositoryUsage(repo("team-a/web"), 2, 50, 0, 0, 40));
        assertThat(store.usage().repository(repo("team-b/app")))
                .isEqualTo(new RepositoryUsage(repo("team-b/app"), 2, 100, 0, 0, 80));
        assertThat(store.usage().repository(repo("team-ab/app")))
                .isEqualTo(new RepositoryUsage(repo("team-ab/app"), 1, 160, 0, 0, 0));
        assertThat(store.usage().repository(repo("nowhere")))
                .isEqualTo(new RepositoryUsage(repo("nowhere"), 0, 0, 0, 0, 0));
    }

    @Test
    void namespaceUsageIsLogicalStoredOnceAndUniqueToTheNamespace() {
        Map<String, Digest> blobs = sharedLayers();
        ManifestRecord image = manifest(repo("team-a/app"), "image");
        putOk(image, List.of(blobs.get("C"), blobs.get("L1")), List.of(), tag("v1"));
        long m = image.size();

        // team-a: app (C, L1, L2), web (L1, L3), ci/app (L6); L2 is shared with team-b, L5 is not team-a's.
        NamespaceUsage teamA = store.usage().namespace("team-a");
        assertThat(teamA).isEqualTo(new NamespaceUsage("team-a", 3, m, 35 + 50 + 320, 5 + 10 + 20 + 40 + 320,
                5 + 10 + 40 + 320));
        assertThat(teamA.logicalBytes()).isEqualTo(405 + m);
        assertThat(teamA.storedBytes()).isEqualTo(395 + m);
        assertThat(teamA.uniqueBytes()).isEqualTo(375 + m);
        assertThat(store.usage().namespace("team-b")).isEqualTo(new NamespaceUsage("team-b", 1, 0, 100, 100, 80));
        assertThat(store.usage().namespace("team-a/ci")).isEqualTo(new NamespaceUsage("team-a/ci", 1, 0, 320, 320,
                320));
        assertThat(store.usage().namespace("team-a/app")).as("a single repository is a namespace too")
                .isEqualTo(new NamespaceUsage("team-a/app", 1, m, 35, 35, 5));
        assertThat(store.usage().namespace("team-ab")).isEqualTo(new NamespaceUsage("team-ab", 1, 0, 160, 160, 0));
        assertThat(store.usage().namespace("team")).as("team-a is not below team/")
                .isEqualTo(new NamespaceUsage("team", 0, 0, 0, 0, 0));
        assertThatThrownBy(() -> store.usage().namespace("Team/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlobThatAnotherRepositorysManifestStillReferencesIsNotUnique() {
        RepositoryName mine = repo("team-a/mine");
        RepositoryName theirs = repo("team-b/theirs");
        Digest layer = blobOfSize(mine, "layer", 100);
        blobOfSize(theirs, "layer", 100);
        putOk(manifest(theirs, "image"), List.of(layer), List.of());
        // Their link goes (a blob DELETE), their manifest still references the layer: collection keeps it.
        store.blobs().unlink(theirs, layer);

        assertThat(store.usage().repository(mine).uniqueBlobBytes()).isZero();
        assertThat(store.usage().namespace("team-a").uniqueBlobBytes()).isZero();
        assertThat(store.usage().namespace("team-a").storedBlobBytes()).isEqualTo(100);
        assertThat(store.usage().repository(theirs).blobBytes()).isZero();
    }

    @Test
    void usageFollowsUnlinksAndDeletedManifests() {
        RepositoryName repo = repo("team-a/app");
        Digest layer = blobOfSize(repo, "layer", 100);
        ManifestRecord image = manifest(repo, "image");
        putOk(image, List.of(layer), List.of(), tag("v1"));

        store.manifests().delete(repo, image.digest());
        assertThat(store.usage().repository(repo)).as("the link stays until collected")
                .isEqualTo(new RepositoryUsage(repo, 1, 100, 0, 0, 100));
        store.blobs().unlink(repo, layer);
        assertThat(store.usage().repository(repo)).isEqualTo(new RepositoryUsage(repo, 0, 0, 0, 0, 0));
        assertThat(store.usage().namespace("team-a")).isEqualTo(new NamespaceUsage("team-a", 1, 0, 0, 0, 0));
    }

    // ---------------------------------------------------------------- lifecycle: quotas enforced on links

    @Test
    void linksFitUpToExactlyTheQuotaAndTheNextBlobIsRefusedWritingNothing() {
        store.namespaces().create(namespace("team-a"));
        store.policies().setQuota("team-a", OptionalLong.of(100));
        RepositoryName app = repo("team-a/app");

        assertThat(linkClaimed(app, "first", 60)).as("under").isTrue();
        assertThat(linkClaimed(app, "second", 40)).as("exactly at").isTrue();
        assertThat(store.usage().namespace("team-a").storedBytes()).isEqualTo(100);

        RepositoryName fresh = repo("team-a/fresh");
        long generation = store.blobs().claim(digest("third"), 1).orElseThrow();
        assertThatThrownBy(() -> store.blobs().linkClaimed(fresh, digest("third"), generation))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.namespace()).isEqualTo("team-a");
                    assertThat(e.usedBytes()).isEqualTo(100);
                    assertThat(e.quotaBytes()).isEqualTo(100);
                    assertThat(e.blobSize()).isEqualTo(1);
                    assertThat(e.getMessage()).startsWith("quota of namespace team-a exceeded: used 100 of 100 bytes");
                });

        assertThat(store.blobs().findLinked(fresh, digest("third"))).isEmpty();
        assertThat(store.repositories().exists(fresh)).as("not even the repository").isFalse();
        assertThat(store.usage().namespace("team-a").storedBytes()).isEqualTo(100);
        store.policies().setQuota("team-a", OptionalLong.of(101));
        assertThat(store.blobs().linkClaimed(fresh, digest("third"), generation)).as("the claim is intact")
                .isTrue();
    }

    @Test
    void aBlobAlreadyInTheNamespaceAddsNothingWhileOneFromAnotherNamespaceCounts() {
        store.namespaces().create(namespace("team-a"));
        store.policies().setQuota("team-a", OptionalLong.of(100));
        assertThat(linkClaimed(repo("team-a/app"), "shared", 100)).isTrue();
        blobOfSize(repo("team-b/app"), "theirs", 10);

        assertThat(linkClaimed(repo("team-a/web"), "shared", 100)).as("full, but the layer is there already")
                .isTrue();
        assertThat(store.usage().namespace("team-a").storedBytes()).as("not counted twice").isEqualTo(100);
        assertThat(store.usage().namespace("team-a").logicalBytes()).isEqualTo(200);
        assertThatThrownBy(() -> linkClaimed(repo("team-a/web"), "theirs", 10))
                .as("stored elsewhere, new to this namespace").isInstanceOf(QuotaExceededException.class);
        assertThat(linkClaimed(repo("team-ab/app"), "big", 1000)).as("team-ab is not team-a").isTrue();
        assertThat(linkClaimed(repo("elsewhere"), "big2", 1000)).as("no quota, no limit").isTrue();
        store.blobs().link(repo("team-a/import"), digest("imported"), 1000);
        assertThat(store.blobs().findLinked(repo("team-a/import"), digest("imported"))).as("link() is not a push")
                .isPresent();
    }

    @Test
    void manifestBytesCountAndAQuotaBelowUsageRefusesOnlyNewBlobs() {
        store.namespaces().create(namespace("team-a"));
        RepositoryName app = repo("team-a/app");
        Digest layer = blobOfSize(app, "layer", 50);
        ManifestRecord image = manifest(app, "image");
        putOk(image, List.of(layer), List.of(), tag("v1"));
        store.policies().setQuota("team-a", OptionalLong.of(50 + image.size()));

        assertThatThrownBy(() -> linkClaimed(app, "one more byte", 1))
                .isInstanceOfSatisfying(QuotaExceededException.class,
                        e -> assertThat(e.usedBytes()).isEqualTo(50 + image.size()));
        assertThat(linkClaimed(app, "empty", 0)).as("an empty blob always fits").isTrue();

        store.policies().setQuota("team-a", OptionalLong.of(10));
        assertThatThrownBy(() -> linkClaimed(app, "small", 1)).isInstanceOf(QuotaExceededException.class);
        assertThat(linkClaimed(repo("team-a/other"), "layer", 50)).as("already in the namespace").isTrue();
        store.policies().setQuota("team-a", OptionalLong.empty());
        assertThat(linkClaimed(app, "small", 1)).isTrue();
    }

    @Test
    void everyCoveringNamespaceWithAQuotaMustHaveRoom() {
        store.namespaces().create(namespace("team-a"));
        store.namespaces().create(namespace("team-a/ci"));
        store.policies().setQuota("team-a", OptionalLong.of(100));
        store.policies().setQuota("team-a/ci", OptionalLong.of(30));
        assertThat(linkClaimed(repo("team-a/app"), "outer", 60)).isTrue();

        assertThatThrownBy(() -> linkClaimed(repo("team-a/ci/app"), "too big for ci", 31))
                .isInstanceOfSatisfying(QuotaExceededException.class,
                        e -> assertThat(e.namespace()).isEqualTo("team-a/ci"));
        assertThat(linkClaimed(repo("team-a/ci/app"), "fits", 30)).isTrue();
        assertThatThrownBy(() -> linkClaimed(repo("team-a/ci/other"), "outer full", 20))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.namespace()).isEqualTo("team-a");
                    assertThat(e.usedBytes()).isEqualTo(90);
                });
        assertThatThrownBy(() -> linkClaimed(repo("team-a/ci/other"), "outer", 60))
                .as("in team-a already, but new to team-a/ci, which is full")
                .isInstanceOfSatisfying(QuotaExceededException.class,
                        e -> assertThat(e.namespace()).isEqualTo("team-a/ci"));
    }

    @Test
    void aMountThatWouldExceedTheQuotaIsRefusedWritingNothing() {
        store.namespaces().create(namespace("team-a"));
        store.policies().setQuota("team-a", OptionalLong.of(100));
        Digest base = blobOfSize(repo("library/base"), "base", 80);
        Digest small = blobOfSize(repo("library/small"), "small", 20);
        Digest big = blobOfSize(repo("library/big"), "big", 21);

        assertThat(store.blobs().mount(repo("team-a/app"), repo("library/base"), base)).as("under").isTrue();
        assertThatThrownBy(() -> store.blobs().mount(repo("team-a/app"), repo("library/big"), big))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> assertThat(e.usedBytes()).isEqualTo(80));
        assertThat(store.blobs().findLinked(repo("team-a/app"), big)).isEmpty();
        assertThat(store.blobs().mount(repo("team-a/app"), repo("library/small"), small)).as("exactly at").isTrue();
        assertThat(store.blobs().mount(repo("team-a/web"), repo("team-a/app"), base))
                .as("within the namespace: adds nothing").isTrue();
        assertThat(store.blobs().mount(repo("team-a/web"), repo("library/base"), base)).isTrue();
        assertThat(store.usage().namespace("team-a").storedBytes()).isEqualTo(100);
    }

    /**
     * Links racing into one namespace: never fewer than the quota allows. An engine whose writers run at the same
     * time may overshoot, by at most one blob per concurrent link.
     */
    @Test
    void concurrentLinksFillTheQuotaAndOvershootByAtMostOneBlobEach() throws Exception {
        store.namespaces().create(namespace("team-a"));
        int size = 100;
        int fits = 10;
        store.policies().setQuota("team-a", OptionalLong.of((long) size * fits));
        int threads = 8;
        int perThread = 5;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    int linked = 0;
                    for (int i = 0; i < perThread; i++) {
                        try {
                            if (linkClaimed(repo("team-a/app" + thread), "blob-" + thread + "-" + i, size)) {
                                linked++;
                            }
                        } catch (QuotaExceededException e) {
                            // full
                        }
                    }
                    return linked;
                }));
            }
            start.countDown();
            int linked = 0;
            for (Future<Integer> future : futures) {
                linked += future.get(120, TimeUnit.SECONDS);
            }
            assertThat(linked).isBetween(fits, fits + threads - 1);
            assertThat(store.usage().namespace("team-a").storedBytes()).isEqualTo((long) linked * size);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedStoreRefusesLifecycleWork() {
        store.close();

        assertThatThrownBy(() -> store.activity().recordPulls(List.of(new Pull(repo("a"), digest("m"), null, T0))))
                .isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.activity().tags(repo("a"), null, 10)).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.policies().quota("team-a")).isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.policies().immutabilityRulesCovering(repo("a")))
                .isInstanceOf(MetadataException.class);
        assertThatThrownBy(() -> store.usage().namespace("team-a")).isInstanceOf(MetadataException.class);
    }

    /** Links a blob of {@code size} bytes made from {@code seed} to {@code repository} (no quota applies). */
    protected Digest blobOfSize(RepositoryName repository, String seed, long size) {
        Digest digest = digest(seed);
        store.blobs().link(repository, digest, size);
        return digest;
    }

    /** Claims and links a blob of {@code size} bytes, as a push does (quotas apply). */
    private boolean linkClaimed(RepositoryName repository, String seed, long size) {
        long generation = store.blobs().claim(digest(seed), size).orElseThrow();
        return store.blobs().linkClaimed(repository, digest(seed), generation);
    }

    /** Each tag of the repository with its last-pull time. */
    private List<Map.Entry<String, Instant>> lastPulls(RepositoryName repository) {
        return store.activity().tags(repository, null, 100).stream()
                .map(t -> entry(t.tag().value(), t.lastPulledAt())).toList();
    }

    private static Map.Entry<String, Instant> entry(String key, Instant value) {
        return new java.util.AbstractMap.SimpleImmutableEntry<>(key, value);
    }

    /**
     * Writes one pull, quota, immutability rule and two retention policies with fixed values, for the engines'
     * raw-format tests, and returns what each engine must read back (as
     * {@link #writeOneRowOfEachAccessControlKind}).
     */
    protected Map<String, List<String>> writeOneRowOfEachLifecycleKind() {
        RepositoryName repo = repo("team-a/app");
        ManifestRecord m = manifest(repo, "m");
        putOk(m, List.of(), List.of(), tag("v1"));
        store.activity().recordPulls(List.of(new Pull(repo, m.digest(), tag("v1"), T0.plusMillis(5))));
        store.namespaces().create(namespace("team-a"));
        store.policies().setQuota("team-a", OptionalLong.of(1L << 40));
        store.policies().addImmutabilityRule(new ImmutabilityRule("team-a", null, "v[0-9]+"));
        store.policies().addImmutabilityRule(new ImmutabilityRule("team-a", "team-a/prod-*", ".*"));
        store.retention().addPolicy(fullPolicy("team-a"));
        store.retention().addPolicy(RetentionPolicy.in("team-a").untaggedOlderThan(Duration.ofMillis(1))
                .enabled(false).build());
        Map<String, List<String>> rows = new LinkedHashMap<>();
        rows.put("SELECT name, last_pulled_at FROM tags", List.of("v1|" + (T0.toEpochMilli() + 5)));
        rows.put("SELECT created_at, last_pulled_at FROM manifests",
                List.of(T0.toEpochMilli() + "|" + (T0.toEpochMilli() + 5)));
        rows.put("SELECT name, quota_bytes FROM namespaces", List.of("team-a|" + (1L << 40)));
        rows.put("SELECT namespace, repository_glob, tag_regex FROM immutability_rules ORDER BY id",
                List.of("team-a|null|v[0-9]+", "team-a|team-a/prod-*|.*"));
        rows.put("SELECT namespace, repository_glob, keep_last_tags, keep_pushed_within_ms,"
                        + " keep_pulled_within_ms, include_tags, exclude_tags, untagged_older_than_ms, enabled"
                        + " FROM retention_policies ORDER BY id",
                List.of("team-a|team-a/*|5|86400000|43200000|v.*|v0\\..*|604800000|1",
                        "team-a|null|null|null|null|null|null|1|0"));
        return rows;
    }

    private void assertMatches(AuditQuery query, List<AuditEvent> stored, int... expected) {
        List<AuditEvent> matching = Arrays.stream(expected).mapToObj(stored::get).toList();
        assertThat(store.audit().query(query, null, 100)).as("%s", query).containsExactlyElementsOf(matching);
        assertThat(store.audit().count(query)).as("count of %s", query).isEqualTo(matching.size());
    }

    private List<Long> ids(AuditQuery query) {
        return store.audit().query(query, null, 100).stream().map(AuditEvent::id).toList();
    }

    protected static UserRecord user(String username) {
        return new UserRecord(username, HASH, false, false, T0, T0);
    }

    protected static RobotRecord robot(String name) {
        return new RobotRecord(name, HASH, List.of("repository:team-a/*:pull"), null, null, "admin", T0);
    }

    /** An unretired ES256 key created at {@code createdAt}, with a (fake) PEM that depends on its kid. */
    protected static SigningKeyRecord signingKey(String kid, Instant createdAt) {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Integer.toHexString(kid.hashCode())
                + "\n-----END PRIVATE KEY-----\n";
        return new SigningKeyRecord(kid, "ES256", pem, createdAt, null);
    }

    protected static NamespaceRecord namespace(String name) {
        return new NamespaceRecord(name, false, T0);
    }

    /** An event {@code seconds} after T0 from a fixed client. */
    protected static AuditEvent event(int seconds, String identity, String action, String repository, String result) {
        return new AuditEvent(T0.plusSeconds(seconds), identity, "192.0.2.1", "test-agent/1", action, repository,
                null, result, null);
    }

    protected static AuditEvent withId(AuditEvent e, long id) {
        return new AuditEvent(id, e.at(), e.identity(), e.clientAddress(), e.userAgent(), e.action(), e.repository(),
                e.reference(), e.result(), e.detail());
    }

    /**
     * Writes one user, robot, namespace, grant, rule, audit event and token signing key with fixed values, for the
     * engines' tests of their raw storage format (which must be the same on every engine), and returns what each
     * engine must read back: SQL query → its rows, columns joined with '|', SQL NULL as {@code null}. Flags are 0/1,
     * kinds and roles by name, scopes JSON, times epoch milliseconds, a key's PEM the exact text given.
     */
    protected Map<String, List<String>> writeOneRowOfEachAccessControlKind() {
        store.users().create(new UserRecord("alice", "hash", true, false, T0, T0));
        store.robots().create(new RobotRecord("ci", "secret", List.of("repository:team-a/*:pull",
                "repository:base/*:pull"), null, null, "alice", T0));
        store.namespaces().create(new NamespaceRecord("team-a", true, T0));
        store.namespaces().grant(new Grant("team-a", PrincipalKind.USER, "alice", Role.MAINTAINER));
        store.namespaces().addRule(new RepositoryRule("team-a", "team-a/prod", PrincipalKind.ROBOT, "ci", null));
        store.audit().append(new AuditEvent(T0, null, "192.0.2.1", "docker", "manifest.pull", "team-a/prod", null,
                "denied", null));
        store.signingKeys().add(new SigningKeyRecord("k1", "EdDSA", "-----BEGIN PRIVATE KEY-----\r\nAAAA\n", T0,
                T0.plusMillis(1)));
        Map<String, List<String>> rows = new LinkedHashMap<>();
        rows.put("SELECT username, administrator, disabled, created_at FROM users",
                List.of("alice|1|0|" + T0.toEpochMilli()));
        rows.put("SELECT scopes, expires_at, revoked_at FROM robots",
                List.of("[\"repository:team-a/*:pull\",\"repository:base/*:pull\"]|null|null"));
        rows.put("SELECT name, public_pull FROM namespaces", List.of("team-a|1"));
        rows.put("SELECT principal_kind, principal, role FROM grants", List.of("USER|alice|MAINTAINER"));
        rows.put("SELECT principal_kind, principal, role FROM repository_rules", List.of("ROBOT|ci|null"));
        rows.put("SELECT occurred_at, identity, action, result FROM audit_events",
                List.of(T0.toEpochMilli() + "|null|manifest.pull|denied"));
        rows.put("SELECT kid, algorithm, private_key_pem, created_at, retired_at FROM signing_keys",
                List.of("k1|EdDSA|-----BEGIN PRIVATE KEY-----\r\nAAAA\n|" + T0.toEpochMilli() + "|"
                        + (T0.toEpochMilli() + 1)));
        return rows;
    }

    protected static Descriptor descriptorOf(ManifestRecord m) {
        return new Descriptor(m.mediaType(), m.digest(), m.size(), m.artifactType(), m.annotations(), List.of(), null);
    }

    /** Puts a manifest that must be accepted. */
    protected void putOk(ManifestRecord manifest, Collection<Digest> blobs, Collection<Digest> children,
                         Tag... tags) {
        assertThat(store.manifests().put(manifest, blobs, children, List.of(tags)))
                .as("digests reported missing")
                .isEmpty();
    }

    /** Follows {@code last}-paging until an empty page, checking no page exceeds its limit. */
    private static List<String> collectPages(int pageSize, BiFunction<String, Integer, List<String>> page) {
        List<String> all = new ArrayList<>();
        String last = null;
        for (int guard = 0; guard < 1000; guard++) {
            List<String> items = page.apply(last, pageSize);
            assertThat(items.size()).isLessThanOrEqualTo(pageSize);
            if (items.isEmpty()) {
                return all;
            }
            all.addAll(items);
            last = items.getLast();
        }
        throw new AssertionError("paging did not end");
    }
}
