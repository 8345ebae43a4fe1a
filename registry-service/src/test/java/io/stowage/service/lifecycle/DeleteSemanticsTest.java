package io.stowage.service.lifecycle;

import io.stowage.security.MutableClock;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.metadata.RetentionPolicy;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.error.ManifestUnknownException;
import io.stowage.service.EmbeddedBackends;
import io.stowage.service.Registry;
import io.stowage.service.lifecycle.RetentionPlan.Removal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The delete semantics of docs/operations.md, end to end through the manifest service and retention: a tag delete
 * never removes a manifest; a delete by digest removes its tags; untagged manifests go by policy; referrers of a
 * subject that is gone follow the documented rule.
 */
class DeleteSemanticsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final RepositoryName APP = RepositoryName.parse("team-a/app");

    @TempDir
    Path dir;
    private MutableClock clock;
    private EmbeddedBackends backends;
    private MetadataStore metadata;
    private Registry registry;
    private Images images;
    private RetentionService retention;

    @BeforeEach
    void open() {
        clock = new MutableClock(T0);
        backends = EmbeddedBackends.open(dir, clock);
        metadata = backends.metadata();
        registry = Registry.over(backends.objects(), metadata, clock);
        images = new Images(registry, metadata);
        retention = new RetentionService(metadata);
        metadata.namespaces().create(new NamespaceRecord("team-a", false, T0));
    }

    @AfterEach
    void close() {
        registry.close();
        backends.close();
    }

    @Test
    void deletingATagNeverRemovesTheManifestWhateverElseReferencesIt() throws Exception {
        Digest image = images.image(APP, "latest", "image");
        images.put(APP, Tag.parse("v1"), registry.manifests().get(APP, image, false).content());
        Digest index = images.index(APP, Tag.parse("multi"), image);

        registry.manifests().delete(APP, Tag.parse("latest"));
        assertThat(registry.manifests().get(APP, Tag.parse("v1"), false).digest()).isEqualTo(image);
        registry.manifests().delete(APP, Tag.parse("v1"));
        registry.manifests().delete(APP, Tag.parse("multi"));

        assertThat(registry.manifests().get(APP, image, false).digest()).as("untagged, still there").isEqualTo(image);
        assertThat(registry.manifests().get(APP, index, false).digest()).isEqualTo(index);
        assertThatThrownBy(() -> registry.manifests().get(APP, Tag.parse("v1"), false))
                .isInstanceOf(ManifestUnknownException.class);
    }

    @Test
    void deletingAManifestByDigestRemovesItsTagsAndLeavesItsReferrersForThePolicy() throws Exception {
        Digest image = images.image(APP, "latest", "image");
        images.put(APP, Tag.parse("v1"), registry.manifests().get(APP, image, false).content());
        Digest signature = images.referrer(APP, image, "signature");

        registry.manifests().delete(APP, image);

        assertThat(metadata.manifests().tags(APP, null, 10)).isEmpty();
        assertThat(metadata.manifests().referrers(APP, image, null, null, 10)).as("listed under the gone subject")
                .hasSize(1);
        assertThat(retention.plan(T0.plus(Duration.ofDays(100))).removals()).as("no policy yet").isEmpty();

        retention.addPolicy(RetentionPolicy.in("team-a").untaggedOlderThan(Duration.ofDays(7)).build());
        assertThat(retention.plan(T0.plus(Duration.ofDays(6))).removals()).as("not old enough").isEmpty();
        RetentionPlan plan = retention.plan(T0.plus(Duration.ofDays(8)));
        assertThat(plan.removals()).extracting(Removal::reference).containsExactly(signature);
        assertThat(retention.apply(plan).removed()).containsExactlyElementsOf(plan.removals());
        assertThat(metadata.manifests().referrers(APP, image, null, null, 10)).isEmpty();
    }

    @Test
    void untaggedManifestsStayUntilAPolicySaysOtherwiseAndThenGoWithTheirReferrers() throws Exception {
        Digest config = images.blob(APP, "config");
        byte[] manifest = images.manifest(config);
        Digest image = images.put(APP, Digest.of(DigestAlgorithm.SHA256, manifest), manifest);
        Digest sbom = images.referrer(APP, image, "sbom");

        assertThat(retention.plan(T0.plus(Duration.ofDays(365))).removals()).isEmpty();

        retention.addPolicy(RetentionPolicy.in("team-a").untaggedOlderThan(Duration.ofDays(30)).build());
        RetentionPlan plan = retention.plan(T0.plus(Duration.ofDays(31)));
        assertThat(plan.removals()).singleElement()
                .isInstanceOfSatisfying(RetentionPlan.ManifestRemoval.class, m -> {
                    assertThat(m.digest()).isEqualTo(image);
                    assertThat(m.referrers()).containsExactly(sbom);
                });
        retention.apply(plan);
        assertThat(metadata.manifests().find(APP, image)).isEmpty();
        assertThat(metadata.manifests().find(APP, sbom)).isEmpty();
    }
}
