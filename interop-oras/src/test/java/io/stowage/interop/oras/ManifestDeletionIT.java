package io.stowage.interop.oras;

import land.oras.ContainerRef;
import land.oras.LocalPath;
import land.oras.exception.OrasException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code deleteManifest} by digest (the manifest and its tags go) and by tag (only the tag goes). */
class ManifestDeletionIT extends OrasTestBase {


    @Test
    void deletingByDigestRemovesTheManifestAndEveryTagOfIt() throws Exception {
        ContainerRef v1 = push("oras/deleted:v1", 51);
        ContainerRef alias = v1.withTag("stable");
        oras.pushManifest(alias, oras.getManifest(v1));
        ContainerRef byDigest = v1.withDigest(oras.getManifest(v1).getDescriptor().getDigest());

        oras.deleteManifest(byDigest);

        assertNotFound(byDigest);
        assertNotFound(v1);
        assertNotFound(alias);
        assertThat(oras.getTags(stowage.ref("oras/deleted")).tags()).isEmpty();
        String path = "/v2/oras/deleted/manifests/" + byDigest.getDigest();
        assertThat(stowage.orasRequests(e -> e.method().equals("DELETE") && e.path().equals(path), 1))
                .singleElement().satisfies(delete -> assertThat(delete.status()).isEqualTo(202));
    }

    @Test
    void deletingByTagRemovesOnlyThatTag() throws Exception {
        ContainerRef keep = push("oras/untagged:keep", 52);
        ContainerRef drop = keep.withTag("drop");
        oras.pushManifest(drop, oras.getManifest(keep));
        String digest = oras.getManifest(keep).getDescriptor().getDigest();

        oras.deleteManifest(drop);

        assertNotFound(drop);
        assertThat(oras.getManifest(keep).getDescriptor().getDigest()).isEqualTo(digest);
        assertThat(oras.getManifest(keep.withDigest(digest)).getDescriptor().getDigest()).isEqualTo(digest);
        assertThat(oras.getTags(stowage.ref("oras/untagged")).tags()).containsExactly("keep");
    }

    @Test
    void deletingAnUnknownManifestIsNotFound() {
        ContainerRef unknown = stowage.ref("oras/never-pushed")
                .withDigest(BinaryFiles.digest("no such manifest".getBytes(StandardCharsets.UTF_8)));

        assertNotFound(() -> oras.deleteManifest(unknown));
    }

    private static ContainerRef push(String reference, long seed) throws Exception {
        Path file = BinaryFiles.random(dir.resolve(reference.replace(':', '-') + ".bin"), 256, seed);
        ContainerRef ref = stowage.ref(reference);
        oras.pushArtifact(ref, LocalPath.of(file));
        return ref;
    }

    private static void assertNotFound(ContainerRef ref) {
        assertNotFound(() -> oras.getManifest(ref));
    }

    private static void assertNotFound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OrasException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(404));
    }
}
