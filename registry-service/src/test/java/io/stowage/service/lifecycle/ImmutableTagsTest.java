package io.stowage.service.lifecycle;

import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.error.DeniedException;
import io.stowage.oci.error.ManifestUnknownException;
import io.stowage.oci.error.OciErrorCode;
import io.stowage.service.EmbeddedBackends;
import io.stowage.service.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Immutability rules through the manifest service: what they refuse, and what they must leave alone. */
class ImmutableTagsTest {

    private static final RepositoryName APP = RepositoryName.parse("team-a/app");
    private static final String RELEASES = "v[0-9]+\\.[0-9]+\\.[0-9]+";

    @TempDir
    Path dir;
    private EmbeddedBackends backends;
    private MetadataStore metadata;
    private Registry registry;
    private LifecycleService lifecycle;
    private Images images;

    @BeforeEach
    void open() {
        backends = EmbeddedBackends.open(dir);
        metadata = backends.metadata();
        registry = Registry.over(backends.objects(), metadata, Clock.systemUTC());
        lifecycle = registry.lifecycle();
        images = new Images(registry, metadata);
        metadata.namespaces().create(new NamespaceRecord("team-a", false, Instant.now()));
        lifecycle.addImmutabilityRule("team-a", null, RELEASES).orElseThrow();
    }

    @AfterEach
    void close() {
        registry.close();
        backends.close();
    }

    @Test
    void aMatchingTagCannotBeMovedToAnotherManifest() throws Exception {
        Digest first = images.image(APP, "v1.0.0", "first");

        assertThatThrownBy(() -> images.image(APP, "v1.0.0", "second"))
                .isInstanceOfSatisfying(DeniedException.class, e -> {
                    assertThat(e.code()).isEqualTo(OciErrorCode.DENIED);
                    assertThat(e.getMessage()).isEqualTo("tag v1.0.0 is immutable: it matches rule /" + RELEASES
                            + "/ of namespace team-a; it cannot be moved to another manifest");
                });

        assertThat(registry.manifests().get(APP, Tag.parse("v1.0.0"), false).digest()).isEqualTo(first);
    }

    @Test
    void aTagTheRulesDoNotMatchMovesFreely() throws Exception {
        images.image(APP, "latest", "first");
        Digest second = images.image(APP, "latest", "second");
        images.image(APP, "v1.0", "first");
        Digest moved = images.image(APP, "v1.0", "second");

        assertThat(registry.manifests().get(APP, Tag.parse("latest"), false).digest()).isEqualTo(second);
        assertThat(registry.manifests().get(APP, Tag.parse("v1.0"), false).digest()).as("not a whole match")
                .isEqualTo(moved);
        images.image(APP, "xv1.0.0", "first");
        images.image(APP, "xv1.0.0", "second");
    }

    @Test
    void pushingTheSameManifestToAnImmutableTagAgainIsAllowed() throws Exception {
        Digest config = images.blob(APP, "config");
        byte[] manifest = images.manifest(config);
        Digest digest = images.put(APP, Tag.parse("v2.0.0"), manifest);

        assertThat(images.put(APP, Tag.parse("v2.0.0"), manifest)).isEqualTo(digest);
        assertThat(images.put(APP, digest, manifest, Tag.parse("v2.0.0"), Tag.parse("latest"))).isEqualTo(digest);
        assertThat(registry.manifests().get(APP, Tag.parse("v2.0.0"), false).digest()).isEqualTo(digest);
    }

    @Test
    void anImmutableTagGivenAlongsideAPushByDigestIsProtectedTooAndTheWholePushIsRefused() throws Exception {
        images.image(APP, "v3.0.0", "first");
        Digest config = images.blob(APP, "other config");
        byte[] manifest = images.manifest(config);
        Digest digest = Digest.of(io.stowage.oci.DigestAlgorithm.SHA256, manifest);

        assertThatThrownBy(() -> images.put(APP, digest, manifest, Tag.parse("latest"), Tag.parse("v3.0.0")))
                .isInstanceOf(DeniedException.class).hasMessageContaining("tag v3.0.0 is immutable");

        assertThatThrownBy(() -> registry.manifests().get(APP, digest, false))
                .as("nothing of the refused push was stored").isInstanceOf(ManifestUnknownException.class);
        assertThatThrownBy(() -> registry.manifests().get(APP, Tag.parse("latest"), false))
                .isInstanceOf(ManifestUnknownException.class);
    }

    @Test
    void deletingAMatchingTagIsRefusedAndANonMatchingOneIsNot() throws Exception {
        Digest digest = images.image(APP, "v1.2.3", "image");
        images.put(APP, Tag.parse("latest"), registry.manifests().get(APP, digest, false).content());

        assertThatThrownBy(() -> registry.manifests().delete(APP, Tag.parse("v1.2.3")))
                .isInstanceOf(DeniedException.class)
                .hasMessage("tag v1.2.3 is immutable: it matches rule /" + RELEASES
                        + "/ of namespace team-a; it cannot be deleted");
        registry.manifests().delete(APP, Tag.parse("latest"));

        assertThat(registry.manifests().get(APP, Tag.parse("v1.2.3"), false).digest()).isEqualTo(digest);
        assertThatThrownBy(() -> registry.manifests().get(APP, Tag.parse("latest"), false))
                .isInstanceOf(ManifestUnknownException.class);
        assertThatThrownBy(() -> registry.manifests().delete(APP, Tag.parse("v9.9.9")))
                .as("an unknown tag is unknown, immutable or not").isInstanceOf(ManifestUnknownException.class);
    }

    @Test
    void aManifestCarryingAnImmutableTagCannotBeDeletedByDigestButOthersCan() throws Exception {
        Digest released = images.image(APP, "v1.0.0", "released");
        Digest dev = images.image(APP, "dev", "dev");

        assertThatThrownBy(() -> registry.manifests().delete(APP, released))
                .isInstanceOf(DeniedException.class)
                .hasMessage("tag v1.0.0 is immutable: it matches rule /" + RELEASES + "/ of namespace team-a;"
                        + " manifest " + released + " carries it and cannot be deleted");
        registry.manifests().delete(APP, dev);

        assertThat(registry.manifests().get(APP, released, false).digest()).isEqualTo(released);
        assertThat(registry.manifests().get(APP, Tag.parse("v1.0.0"), false).digest()).isEqualTo(released);
        assertThatThrownBy(() -> registry.manifests().get(APP, dev, false))
                .isInstanceOf(ManifestUnknownException.class);
    }

    @Test
    void rulesApplyOnlyInTheirNamespaceAndToTheRepositoriesTheirGlobMatches() throws Exception {
        metadata.namespaces().create(new NamespaceRecord("team-a/ci", false, Instant.now()));
        lifecycle.addImmutabilityRule("team-a", "team-a/prod-*", ".*").orElseThrow();
        lifecycle.addImmutabilityRule("team-a/ci", null, "nightly-.*").orElseThrow();
        RepositoryName prod = RepositoryName.parse("team-a/prod-api");
        RepositoryName ci = RepositoryName.parse("team-a/ci/builder");
        RepositoryName sibling = RepositoryName.parse("team-ab/app");
        RepositoryName deeper = RepositoryName.parse("team-a/prod-api/sub");

        images.image(prod, "latest", "one");
        assertThatThrownBy(() -> images.image(prod, "latest", "two")).isInstanceOf(DeniedException.class)
                .hasMessageContaining("rule /.*/ of namespace team-a (repositories team-a/prod-*)");
        images.image(ci, "nightly-1", "one");
        assertThatThrownBy(() -> images.image(ci, "nightly-1", "two")).isInstanceOf(DeniedException.class)
                .hasMessageContaining("namespace team-a/ci");
        images.image(ci, "v1.0.0", "three");
        assertThatThrownBy(() -> images.image(ci, "v1.0.0", "four")).as("the outer namespace's rules apply too")
                .isInstanceOf(DeniedException.class).hasMessageContaining("of namespace team-a;");

        for (RepositoryName free : new RepositoryName[] {sibling, deeper}) {
            images.image(free, "latest", "one");
            images.image(free, "latest", "two");
            images.image(free, "nightly-1", "one");
            images.image(free, "nightly-1", "two");
        }
        images.image(sibling, "v1.0.0", "one");
        images.image(sibling, "v1.0.0", "two");
        images.image(APP, "latest", "one");
        images.image(APP, "latest", "two");
    }

    @Test
    void removingTheRuleFreesTheTag() throws Exception {
        images.image(APP, "v1.0.0", "first");
        long id = lifecycle.immutabilityRules("team-a").getFirst().id();

        assertThat(lifecycle.removeImmutabilityRule("team-b", id)).as("not that namespace's rule").isFalse();
        assertThat(lifecycle.removeImmutabilityRule("team-a", id)).isTrue();

        Digest second = images.image(APP, "v1.0.0", "second");
        registry.manifests().delete(APP, Tag.parse("v1.0.0"));
        registry.manifests().delete(APP, second);
    }

    @Test
    void aRuleTooCostlyToEvaluateFailsClosedQuickly() throws Exception {
        lifecycle.addImmutabilityRule("team-a", null, "(.*a){12}b").orElseThrow();
        String tag = "a".repeat(128);
        images.image(APP, tag, "first");

        long started = System.nanoTime();
        assertThatThrownBy(() -> images.image(APP, tag, "second")).isInstanceOf(DeniedException.class)
                .hasMessageContaining("is treated as immutable: rule /(.*a){12}b/ of namespace team-a is too costly");
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(2_000);
        images.image(APP, "b", "first");
        images.image(APP, "b", "second");
    }
}
