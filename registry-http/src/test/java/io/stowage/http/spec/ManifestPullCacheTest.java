package io.stowage.http.spec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.stowage.http.spec.Manifests.OCI_CONFIG;
import static io.stowage.http.spec.Manifests.OCI_MANIFEST;
import static io.stowage.http.spec.Manifests.descriptor;
import static io.stowage.http.spec.OciAssertions.assertError;
import static io.stowage.http.spec.OciAssertions.assertHeadError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pulls answered from the manifest cache (the test registry is wired as the server is) see every change at once:
 * each step pulls first, so what it changes was cached, and HEAD always says what GET says.
 */
class ManifestPullCacheTest extends SpecTestBase {

    private static final byte[] CONFIG = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    private static final String REPO = "cache/app";

    @Test
    void aPulledTagThatMovesIsDeletedOrWhoseManifestIsDeletedIsSeenAtOnceByGetAndHead() {
        byte[] one = image(Map.of("v", "1"));
        byte[] two = image(Map.of("v", "2"));
        String digestOne = client.pushManifest(REPO, "latest", OCI_MANIFEST, one);
        assertServed("latest", one, digestOne);
        assertServed(digestOne, one, digestOne);

        String digestTwo = client.pushManifest(REPO, "latest", OCI_MANIFEST, two);
        assertServed("latest", two, digestTwo);
        assertServed(digestOne, one, digestOne);

        assertThat(client.delete("/v2/" + REPO + "/manifests/latest").status()).isEqualTo(202);
        assertGone("latest");
        assertServed(digestTwo, two, digestTwo);

        client.pushManifest(REPO, "latest", OCI_MANIFEST, two);
        assertServed("latest", two, digestTwo);
        assertThat(client.delete("/v2/" + REPO + "/manifests/" + digestTwo).status()).isEqualTo(202);
        for (String reference : List.of("latest", digestTwo)) {
            assertGone(reference);
        }
        assertServed(digestOne, one, digestOne);
    }

    private static void assertServed(String reference, byte[] content, String digest) {
        Response get = client.get("/v2/" + REPO + "/manifests/" + reference, "Accept", OCI_MANIFEST);
        Response head = client.head("/v2/" + REPO + "/manifests/" + reference, "Accept", OCI_MANIFEST);
        assertThat(get.status()).as(get.describe()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(content);
        for (Response response : List.of(get, head)) {
            assertThat(response.status()).as(response.describe()).isEqualTo(200);
            assertThat(response.header("Docker-Content-Digest")).isEqualTo(digest);
            assertThat(response.header("ETag")).isEqualTo("\"" + digest + "\"");
            assertThat(response.header("Content-Type")).isEqualTo(OCI_MANIFEST);
            assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(content.length));
        }
    }

    private static void assertGone(String reference) {
        assertError(client.get("/v2/" + REPO + "/manifests/" + reference), 404, "MANIFEST_UNKNOWN");
        assertHeadError(client.head("/v2/" + REPO + "/manifests/" + reference), 404);
    }

    private static byte[] image(Map<String, String> annotations) {
        return Manifests.bytes(Manifests.withAnnotations(Manifests.image(OCI_MANIFEST,
                descriptor(OCI_CONFIG, client.pushBlob(REPO, CONFIG), CONFIG.length)), annotations));
    }
}
