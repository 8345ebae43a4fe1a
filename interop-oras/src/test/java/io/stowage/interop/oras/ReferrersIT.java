package io.stowage.interop.oras;

import land.oras.Annotations;
import land.oras.ArtifactType;
import land.oras.Config;
import land.oras.ContainerRef;
import land.oras.LocalPath;
import land.oras.Manifest;
import land.oras.ManifestDescriptor;
import land.oras.Referrers;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Artifacts with a {@code subject}, and the referrers API listing them, filtered by artifactType or not. */
class ReferrersIT extends OrasTestBase {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    // A '+' in the type: in the artifactType query parameter it must arrive encoded, not as a space.
    private static final ArtifactType SBOM = ArtifactType.from("application/vnd.stowage.test.sbom.v1+json");
    private static final ArtifactType SIGNATURE = ArtifactType.from("application/vnd.stowage.test.signature.v1");


    @Test
    void listsArtifactsThatReferToAManifestWithTheirTypeAndAnnotations() throws Exception {
        ContainerRef subject = pushSubject("oras/app-all");
        Manifest sbom = attach(subject, SBOM, "sbom", 31);
        Manifest signature = attach(subject, SIGNATURE, "signature", 32);

        // pushManifest (under attachArtifact) already insisted on the OCI-Subject header in the PUT response.
        assertThat(oras.getManifest(ref(subject, sbom)).getSubject().getDigest()).isEqualTo(subject.getDigest());

        Referrers all = oras.getReferrers(subject, null);

        assertThat(all.getMediaType()).isEqualTo("application/vnd.oci.image.index.v1+json");
        assertThat(all.getManifests()).extracting(ManifestDescriptor::getDigest)
                .containsExactlyInAnyOrder(digestOf(sbom), digestOf(signature));
        assertThat(descriptor(all, sbom)).satisfies(d -> {
            assertThat(d.getMediaType()).isEqualTo(OCI_MANIFEST);
            assertThat(d.getArtifactType()).isEqualTo(SBOM.getMediaType());
            assertThat(d.getAnnotations()).containsEntry("io.stowage.test.kind", "sbom");
            assertThat(d.getSize()).isEqualTo(sbom.getDescriptor().getSize());
        });
        assertThat(descriptor(all, signature)).satisfies(d -> {
            assertThat(d.getArtifactType()).isEqualTo(SIGNATURE.getMediaType());
            assertThat(d.getAnnotations()).containsEntry("io.stowage.test.kind", "signature");
        });
    }

    @Test
    void filtersReferrersByArtifactType() throws Exception {
        ContainerRef subject = pushSubject("oras/app-filtered");
        Manifest sbom = attach(subject, SBOM, "sbom", 33);
        attach(subject, SIGNATURE, "signature", 34);

        Referrers sboms = oras.getReferrers(subject, SBOM);
        Referrers unknown = oras.getReferrers(subject, ArtifactType.from("application/vnd.stowage.test.none"));

        assertThat(sboms.getManifests()).singleElement().satisfies(d -> {
            assertThat(d.getDigest()).isEqualTo(digestOf(sbom));
            assertThat(d.getArtifactType()).isEqualTo(SBOM.getMediaType());
        });
        assertThat(unknown.getManifests()).isEmpty();
    }

    @Test
    void aManifestWithoutReferrersHasAnEmptyList() throws Exception {
        ContainerRef subject = pushSubject("oras/app-alone");

        assertThat(oras.getReferrers(subject, null).getManifests()).isEmpty();
    }

    /** An ordinary artifact to refer to; answers its reference by digest, as the referrers API needs. */
    private static ContainerRef pushSubject(String repository) throws Exception {
        Path file = BinaryFiles.random(dir.resolve(repository + "/app.bin"), 4_096, repository.hashCode());
        ContainerRef tagged = stowage.ref(repository + ":v1");
        // Config.empty() also uploads the empty config blob, which attachArtifact's manifests use without pushing it.
        oras.pushArtifact(tagged, ArtifactType.from("application/vnd.stowage.test.app.v1"), Annotations.empty(),
                Config.empty(), LocalPath.of(file));
        return tagged.withDigest(oras.getManifest(tagged).getDescriptor().getDigest());
    }

    private static Manifest attach(ContainerRef subject, ArtifactType type, String kind, long seed) throws Exception {
        Path file = BinaryFiles.random(dir.resolve(subject.getRepository() + "/" + kind + ".bin"), 512, seed);
        // A mutable map: attachArtifact puts its "created" annotation into the caller's map (SDK 0.7.0), so Map.of
        // fails with UnsupportedOperationException.
        Map<String, String> annotations = new HashMap<>(Map.of("io.stowage.test.kind", kind));
        return oras.attachArtifact(subject, type, Annotations.ofManifest(annotations), LocalPath.of(file));
    }

    private static ContainerRef ref(ContainerRef repository, Manifest manifest) {
        return repository.withDigest(digestOf(manifest));
    }

    private static String digestOf(Manifest manifest) {
        return manifest.getDescriptor().getDigest();
    }

    private static ManifestDescriptor descriptor(Referrers referrers, Manifest manifest) {
        return referrers.getManifests().stream()
                .filter(d -> d.getDigest().equals(digestOf(manifest)))
                .findFirst().orElseThrow();
    }
}
