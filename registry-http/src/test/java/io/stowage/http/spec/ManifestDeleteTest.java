package io.stowage.http.spec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.stowage.http.spec.Manifests.OCI_CONFIG;
import static io.stowage.http.spec.Manifests.OCI_MANIFEST;
import static io.stowage.http.spec.Manifests.descriptor;
import static io.stowage.http.spec.OciAssertions.assertError;
import static io.stowage.http.spec.OciAssertions.assertHeadError;
import static org.assertj.core.api.Assertions.assertThat;

/** end-9, "Deleting tags" and "Deleting Manifests". */
class ManifestDeleteTest extends SpecTestBase {

    private static final byte[] CONFIG = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void deletingATagRemovesOnlyThatTag() {
        byte[] manifest = image("del/tag");
        String digest = client.pushManifest("del/tag", "one", OCI_MANIFEST, manifest);
        client.pushManifest("del/tag", "two", OCI_MANIFEST, manifest);

        Response response = client.delete("/v2/del/tag/manifests/one");

        assertThat(response.status()).as(response.describe()).isEqualTo(202);
        // "Once deleted, a GET to /v2/<name>/manifests/<tag> will return a 404."
        assertError(client.get("/v2/del/tag/manifests/one"), 404, "MANIFEST_UNKNOWN");
        assertThat(client.get("/v2/del/tag/manifests/two").body()).isEqualTo(manifest);
        assertThat(client.get("/v2/del/tag/manifests/" + digest).body()).isEqualTo(manifest);
        assertThat(tags("del/tag")).containsExactly("two");
        assertError(client.delete("/v2/del/tag/manifests/one"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void deletingByDigestRemovesTheManifestAndEveryTagPointingAtIt() {
        byte[] manifest = image("del/digest");
        byte[] other = Manifests.bytes(Manifests.withAnnotations(Manifests.image(OCI_MANIFEST,
                descriptor(OCI_CONFIG, CONFIG)), Map.of("other", "yes")));
        String digest = client.pushManifest("del/digest", "a", OCI_MANIFEST, manifest);
        client.pushManifest("del/digest", "b", OCI_MANIFEST, manifest);
        client.pushManifest("del/digest", "c", OCI_MANIFEST, other);

        Response response = client.delete("/v2/del/digest/manifests/" + digest);

        assertThat(response.status()).as(response.describe()).isEqualTo(202);
        // "Once deleted, a GET to /v2/<name>/manifests/<digest> and any tag pointing to that digest will return a 404."
        for (String reference : List.of(digest, "a", "b")) {
            assertError(client.get("/v2/del/digest/manifests/" + reference), 404, "MANIFEST_UNKNOWN");
            assertHeadError(client.head("/v2/del/digest/manifests/" + reference), 404);
        }
        assertThat(tags("del/digest")).containsExactly("c");
        assertThat(client.get("/v2/del/digest/manifests/c").body()).isEqualTo(other);
        assertError(client.delete("/v2/del/digest/manifests/" + digest), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void aManifestDeletedInOneRepositoryStaysInAnother() {
        byte[] manifest = image("del/here");
        image("del/there");
        String digest = client.pushManifest("del/here", "x", OCI_MANIFEST, manifest);
        client.pushManifest("del/there", "x", OCI_MANIFEST, manifest);

        assertThat(client.delete("/v2/del/here/manifests/" + digest).status()).isEqualTo(202);

        assertThat(client.get("/v2/del/there/manifests/" + digest).body()).isEqualTo(manifest);
    }

    @Test
    void deletingWhatDoesNotExistIs404() {
        client.pushManifest("del/exists", "kept", OCI_MANIFEST, image("del/exists"));
        String unknown = Digests.sha256("unknown".getBytes(StandardCharsets.UTF_8));

        assertError(client.delete("/v2/del/exists/manifests/" + unknown), 404, "MANIFEST_UNKNOWN");
        assertError(client.delete("/v2/del/exists/manifests/nope"), 404, "MANIFEST_UNKNOWN");
        // "If the repository does not exist, the response MUST return 404 Not Found."
        Response unknownRepository = client.delete("/v2/del/nowhere/manifests/" + unknown);
        assertThat(unknownRepository.status()).isEqualTo(404);
        assertThat(OciAssertions.firstErrorCode(unknownRepository)).isIn("MANIFEST_UNKNOWN", "NAME_UNKNOWN");
        assertError(client.delete("/v2/del/exists/manifests/sha256:123"), 400, "DIGEST_INVALID");
    }

    @Test
    void aDeletedManifestCanBePushedAgain() {
        byte[] manifest = image("del/again");
        String digest = client.pushManifest("del/again", "v1", OCI_MANIFEST, manifest);
        assertThat(client.delete("/v2/del/again/manifests/" + digest).status()).isEqualTo(202);

        client.pushManifest("del/again", "v1", OCI_MANIFEST, manifest);

        assertThat(client.get("/v2/del/again/manifests/v1").body()).isEqualTo(manifest);
    }

    private static byte[] image(String repository) {
        return Manifests.bytes(Manifests.image(OCI_MANIFEST,
                descriptor(OCI_CONFIG, client.pushBlob(repository, CONFIG), CONFIG.length)));
    }

    private static List<String> tags(String repository) {
        Response response = client.get("/v2/" + repository + "/tags/list");
        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        return response.json().get("tags").valueStream().map(node -> node.asText()).toList();
    }
}
