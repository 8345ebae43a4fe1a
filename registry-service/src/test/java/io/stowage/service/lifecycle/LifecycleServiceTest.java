package io.stowage.service.lifecycle;

import io.stowage.metadata.ImmutabilityRule;
import io.stowage.metadata.ManifestTimes;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.metadata.TagRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.error.ManifestUnknownException;
import io.stowage.oci.error.NameUnknownException;
import io.stowage.service.EmbeddedBackends;
import io.stowage.service.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the administration API will expose: times, rules and their validation, usage. */
class LifecycleServiceTest {

    private static final RepositoryName APP = RepositoryName.parse("team-a/app");

    @TempDir
    Path dir;
    private EmbeddedBackends backends;
    private MetadataStore metadata;
    private Registry registry;
    private LifecycleService lifecycle;

    @BeforeEach
    void open() {
        backends = EmbeddedBackends.open(dir);
        metadata = backends.metadata();
        registry = Registry.over(backends.objects(), metadata, Clock.systemUTC());
        lifecycle = registry.lifecycle();
        metadata.namespaces().create(new NamespaceRecord("team-a", false, Instant.now()));
    }

    @AfterEach
    void close() {
        registry.close();
        backends.close();
    }

    @Test
    void tagsAndManifestsShowTheirPushAndLastPullTimes() throws Exception {
        Instant before = Instant.now().minusMillis(1);
        Digest digest = new Images(registry, metadata).image(APP, "v1", "image");
        registry.manifests().get(APP, Tag.parse("v1"));
        registry.pulls().flush();

        List<TagRecord> tags = lifecycle.tags(APP, null, 10);
        assertThat(tags).singleElement().satisfies(t -> {
            assertThat(t.tag()).isEqualTo(Tag.parse("v1"));
            assertThat(t.manifest()).isEqualTo(digest);
            assertThat(t.pushedAt()).isAfter(before);
            assertThat(t.lastPulledAt()).isAfterOrEqualTo(t.pushedAt());
        });
        ManifestTimes byTag = lifecycle.manifestTimes(APP, Tag.parse("v1"));
        assertThat(lifecycle.manifestTimes(APP, digest)).isEqualTo(byTag);
        assertThat(byTag.lastPulledAt()).isNotNull();
        assertThatThrownBy(() -> lifecycle.manifestTimes(APP, Tag.parse("nope")))
                .isInstanceOf(ManifestUnknownException.class);
        assertThatThrownBy(() -> lifecycle.tags(RepositoryName.parse("team-a/none"), null, 10))
                .isInstanceOf(NameUnknownException.class);
    }

    @Test
    void rulesAreValidatedBeforeTheyAreStored() {
        assertThat(lifecycle.addImmutabilityRule("ghost", null, "v.*")).as("no such namespace").isEmpty();
        assertThatThrownBy(() -> lifecycle.addImmutabilityRule("team-a", null, "v(")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> lifecycle.addImmutabilityRule("team-a", null, "x".repeat(257)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lifecycle.addImmutabilityRule("team-a", "prod-*", "v.*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("repository glob prod-* can never match a repository of namespace team-a:"
                        + " globs name whole repositories, e.g. team-a/*");
        assertThatThrownBy(() -> lifecycle.addImmutabilityRule("team-a", "team-ab/**", "v.*"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(metadata.policies().immutabilityRules("team-a")).isEmpty();

        ImmutabilityRule rule = lifecycle.addImmutabilityRule("team-a", "team-a/prod-*", "v.*").orElseThrow();
        assertThat(rule.id()).isPositive();
        assertThat(lifecycle.addImmutabilityRule("team-a", "team-*", "x")).as("may match team-a itself")
                .isPresent();
        assertThat(lifecycle.addImmutabilityRule("team-a", "**", "x")).isPresent();
        assertThat(lifecycle.addImmutabilityRule("team-a", "team-a", "x")).isPresent();
        assertThat(lifecycle.immutabilityRules("team-a")).hasSize(4).first().isEqualTo(rule);
        assertThat(lifecycle.immutabilityRulesOf(RepositoryName.parse("team-a/prod-api")))
                .extracting(ImmutabilityRule::repositoryGlob).containsExactly("team-a/prod-*", "**");
        assertThat(lifecycle.immutabilityRulesOf(APP)).extracting(ImmutabilityRule::repositoryGlob)
                .containsExactly("**");
    }
}
