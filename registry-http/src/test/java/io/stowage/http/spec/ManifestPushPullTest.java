package io.stowage.http.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.stowage.http.spec.Manifests.DOCKER_CONFIG;
import static io.stowage.http.spec.Manifests.DOCKER_LAYER;
import static io.stowage.http.spec.Manifests.DOCKER_LIST;
import static io.stowage.http.spec.Manifests.DOCKER_MANIFEST;
import static io.stowage.http.spec.Manifests.OCI_CONFIG;
import static io.stowage.http.spec.Manifests.OCI_INDEX;
import static io.stowage.http.spec.Manifests.OCI_LAYER;
import static io.stowage.http.spec.Manifests.OCI_MANIFEST;
import static io.stowage.http.spec.Manifests.descriptor;
import static io.stowage.http.spec.OciAssertions.assertError;
import static io.stowage.http.spec.OciAssertions.assertHeadError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * end-7 (PUT a manifest) and end-3 (GET/HEAD it): "The registry MUST store the manifest in the exact byte
 * representation provided by the client", served with the media type it was pushed as, for every kind of manifest.
 */
class ManifestPushPullTest extends SpecTestBase {

    private static final byte[] CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LAYER = "layer bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void putByTagAnswers201WithLocationAndDigest() {
        byte[] manifest = ociImage("man/bytag");

        Response response = client.put("/v2/man/bytag/manifests/v1", manifest, "Content-Type", OCI_MANIFEST);

        String digest = Digests.sha256(manifest);
        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/v2/man/bytag/manifests/" + digest);
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(digest);
        assertThat(response.hasHeader("OCI-Subject")).isFalse();
    }

    @Test
    void putByDigestAnswers201WithLocationAndDigest() {
        byte[] manifest = ociImage("man/bydigest");
        String digest = Digests.sha256(manifest);

        Response response = client.put("/v2/man/bydigest/manifests/" + digest, manifest, "Content-Type", OCI_MANIFEST);

        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/v2/man/bydigest/manifests/" + digest);
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(digest);
        assertPullable("man/bydigest", digest, OCI_MANIFEST, manifest);
    }

    @Test
    void aManifestPushedBySha512DigestIsServedUnderIt() {
        byte[] manifest = ociImage("man/sha512");
        String digest = Digests.sha512(manifest);

        Response response = client.put("/v2/man/sha512/manifests/" + digest, manifest, "Content-Type", OCI_MANIFEST);

        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(digest);
        assertPullable("man/sha512", digest, OCI_MANIFEST, manifest);
    }

    @Test
    void anOciImageManifestIsServedByTagAndDigestExactlyAsPushed() {
        byte[] manifest = ociImage("man/oci");
        String digest = client.pushManifest("man/oci", "latest", OCI_MANIFEST, manifest);

        assertThat(digest).isEqualTo(Digests.sha256(manifest));
        assertPullable("man/oci", "latest", OCI_MANIFEST, manifest);
        assertPullable("man/oci", digest, OCI_MANIFEST, manifest);
    }

    @Test
    void unusualWhitespaceKeyOrderAndEscapesAreKeptByteForByte() {
        String config = client.pushBlob("man/bytes", CONFIG);
        String layer = client.pushBlob("man/bytes", LAYER);
        String json = "\n\t{ \"layers\" :[\r\n  {\"size\":" + LAYER.length + " ,\"digest\": \"" + layer + "\","
                + "\"mediaType\" : \"" + OCI_LAYER + "\"}],\n"
                + "\"annotations\":{\"z\":\"caf\u00e9\",\"a\":\"caf\\u00e9 \\/ \\\"quoted\\\"\"},"
                + "    \"config\":{\"mediaType\":\"" + OCI_CONFIG + "\",\"size\":" + CONFIG.length
                + ",\"digest\":\"" + config + "\"},\"schemaVersion\"  :  2,"
                + "\"mediaType\":\"" + OCI_MANIFEST + "\"   }  \n\n";
        byte[] manifest = json.getBytes(StandardCharsets.UTF_8);

        String digest = client.pushManifest("man/bytes", "odd", OCI_MANIFEST, manifest);

        assertThat(digest).isEqualTo(Digests.sha256(manifest));
        assertPullable("man/bytes", "odd", OCI_MANIFEST, manifest);
        assertPullable("man/bytes", digest, OCI_MANIFEST, manifest);
    }

    @Test
    void anOciIndexIsServedWithItsMediaType() {
        String amd64 = client.pushManifest("man/index", "amd64", OCI_MANIFEST, ociImage("man/index"));
        byte[] arm = Manifests.bytes(Manifests.image(OCI_MANIFEST, descriptor(OCI_CONFIG, CONFIG),
                descriptor(OCI_LAYER, client.pushBlob("man/index", "arm layer".getBytes(StandardCharsets.UTF_8)),
                        9)));
        String arm64 = client.pushManifest("man/index", "arm64", OCI_MANIFEST, arm);
        ObjectNode first = descriptor(OCI_MANIFEST, amd64, ociImage("man/index").length);
        first.putObject("platform").put("architecture", "amd64").put("os", "linux");
        ObjectNode second = descriptor(OCI_MANIFEST, arm64, arm.length);
        second.putObject("platform").put("architecture", "arm64").put("os", "linux");
        byte[] index = Manifests.bytes(Manifests.index(OCI_INDEX, first, second));

        String digest = client.pushManifest("man/index", "multi", OCI_INDEX, index);

        assertPullable("man/index", "multi", OCI_INDEX, index);
        assertPullable("man/index", digest, OCI_INDEX, index);
    }

    @Test
    void aDockerSchema2ManifestAndManifestListAreServedWithTheirMediaTypes() {
        byte[] manifest = Manifests.bytes(Manifests.image(DOCKER_MANIFEST,
                descriptor(DOCKER_CONFIG, client.pushBlob("man/docker", CONFIG), CONFIG.length),
                descriptor(DOCKER_LAYER, client.pushBlob("man/docker", LAYER), LAYER.length)));
        String manifestDigest = client.pushManifest("man/docker", "image", DOCKER_MANIFEST, manifest);
        ObjectNode entry = descriptor(DOCKER_MANIFEST, manifestDigest, manifest.length);
        entry.putObject("platform").put("architecture", "amd64").put("os", "linux");
        byte[] list = Manifests.bytes(Manifests.index(DOCKER_LIST, entry));

        String listDigest = client.pushManifest("man/docker", "list", DOCKER_LIST, list);

        assertPullable("man/docker", "image", DOCKER_MANIFEST, manifest);
        assertPullable("man/docker", manifestDigest, DOCKER_MANIFEST, manifest);
        assertPullable("man/docker", "list", DOCKER_LIST, list);
        assertPullable("man/docker", listDigest, DOCKER_LIST, list);
    }

    @Test
    void anArtifactWithArtifactTypeAndTheEmptyConfigIsAccepted() {
        client.pushBlob("man/artifact", Manifests.EMPTY_JSON);
        byte[] artifact = Manifests.bytes(Manifests.artifact("application/vnd.example.thing.v1"));

        String digest = client.pushManifest("man/artifact", "thing", OCI_MANIFEST, artifact);

        assertPullable("man/artifact", "thing", OCI_MANIFEST, artifact);
        assertPullable("man/artifact", digest, OCI_MANIFEST, artifact);
    }

    @Test
    void aManifestWithoutMediaTypeFieldIsServedAsTheContentTypeItWasPushedWith() {
        ObjectNode node = Manifests.image(OCI_MANIFEST, descriptor(OCI_CONFIG, client.pushBlob("man/nofield", CONFIG),
                CONFIG.length));
        node.remove("mediaType");
        byte[] manifest = Manifests.bytes(node);

        client.pushManifest("man/nofield", "v1", OCI_MANIFEST, manifest);

        assertPullable("man/nofield", "v1", OCI_MANIFEST, manifest);
    }

    @Test
    void contentTypeParametersArePushedButNotServed() {
        // "The registry SHOULD ignore parameters on the Content-Type header" and "SHOULD NOT include parameters".
        byte[] manifest = ociImage("man/params");

        Response response = client.put("/v2/man/params/manifests/v1", manifest,
                "Content-Type", OCI_MANIFEST + "; charset=utf-8");

        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        assertThat(client.get("/v2/man/params/manifests/v1").header("Content-Type")).isEqualTo(OCI_MANIFEST);
    }

    @Test
    void pushingATagAgainMovesIt() {
        byte[] first = ociImage("man/moving");
        byte[] second = Manifests.bytes(Manifests.withAnnotations(Manifests.image(OCI_MANIFEST,
                descriptor(OCI_CONFIG, CONFIG)), Map.of("version", "2")));
        client.pushManifest("man/moving", "latest", OCI_MANIFEST, first);

        client.pushManifest("man/moving", "latest", OCI_MANIFEST, second);

        assertPullable("man/moving", "latest", OCI_MANIFEST, second);
        assertPullable("man/moving", Digests.sha256(first), OCI_MANIFEST, first);
    }

    @Test
    void aDockerManifestIsUnknownToAClientAcceptingOnlyOciTypes() {
        byte[] manifest = Manifests.bytes(Manifests.image(DOCKER_MANIFEST,
                descriptor(DOCKER_CONFIG, client.pushBlob("man/accept", CONFIG), CONFIG.length)));
        String digest = client.pushManifest("man/accept", "docker", DOCKER_MANIFEST, manifest);

        for (String reference : new String[]{"docker", digest}) {
            String path = "/v2/man/accept/manifests/" + reference;
            assertError(client.get(path, "Accept", OCI_MANIFEST), 404, "MANIFEST_UNKNOWN");
            assertError(client.get(path, "Accept", OCI_MANIFEST + ", " + OCI_INDEX), 404, "MANIFEST_UNKNOWN");
            assertHeadError(client.head(path, "Accept", OCI_MANIFEST), 404);
            assertThat(client.get(path, "Accept", "*/*").body()).isEqualTo(manifest);
            assertThat(client.get(path, "Accept", DOCKER_MANIFEST).body()).isEqualTo(manifest);
            assertThat(client.get(path, "Accept", OCI_MANIFEST + ", " + DOCKER_MANIFEST).body()).isEqualTo(manifest);
            assertThat(client.get(path, "Accept", "application/*").body()).isEqualTo(manifest);
            assertThat(client.get(path).body()).isEqualTo(manifest);
            // Several Accept lines are one list (RFC 9110, section 5.3).
            assertThat(client.get(path, "Accept", OCI_MANIFEST, "Accept", DOCKER_MANIFEST).body()).isEqualTo(manifest);
            // q=0 means "not acceptable", even when a wildcard would match.
            assertError(client.get(path, "Accept", DOCKER_MANIFEST + ";q=0, */*"), 404, "MANIFEST_UNKNOWN");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"latest", "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"})
    void anUnknownManifestIs404ManifestUnknown(String reference) {
        client.pushManifest("man/none", "other", OCI_MANIFEST, ociImage("man/none"));

        assertError(client.get("/v2/man/none/manifests/" + reference), 404, "MANIFEST_UNKNOWN");
        assertHeadError(client.head("/v2/man/none/manifests/" + reference), 404);
    }

    @Test
    void aManifestInAnUnknownRepositoryIs404() {
        // "An attempt to pull a nonexistent repository MUST return response code 404 Not Found."
        Response response = client.get("/v2/never/pushed/manifests/latest");

        assertThat(response.status()).isEqualTo(404);
        assertThat(OciAssertions.firstErrorCode(response)).isIn("MANIFEST_UNKNOWN", "NAME_UNKNOWN");
    }

    @Test
    void aBlobDigestIsNoManifest() {
        String blob = client.pushBlob("man/blobonly", CONFIG);

        assertError(client.get("/v2/man/blobonly/manifests/" + blob), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void nestedRepositoryNamesWork() {
        byte[] manifest = ociImage("a/b/c");

        String digest = client.pushManifest("a/b/c", "nested", OCI_MANIFEST, manifest);

        assertPullable("a/b/c", "nested", OCI_MANIFEST, manifest);
        assertPullable("a/b/c", digest, OCI_MANIFEST, manifest);
        assertThat(client.get("/v2/a/b/c/tags/list").json().get("name").asText()).isEqualTo("a/b/c");
        assertError(client.get("/v2/a/b/manifests/nested"), 404, "MANIFEST_UNKNOWN");
    }

    /** A small OCI image whose config and layer are pushed to {@code repository} first. */
    private static byte[] ociImage(String repository) {
        return Manifests.bytes(Manifests.image(OCI_MANIFEST,
                descriptor(OCI_CONFIG, client.pushBlob(repository, CONFIG), CONFIG.length),
                descriptor(OCI_LAYER, client.pushBlob(repository, LAYER), LAYER.length)));
    }

    /** GET and HEAD by {@code reference} give the exact bytes, the pushed media type and the digest. */
    private static void assertPullable(String repository, String reference, String mediaType, byte[] manifest) {
        String path = "/v2/" + repository + "/manifests/" + reference;
        String digest = reference.startsWith("sha512:") ? reference : Digests.sha256(manifest);

        Response get = client.get(path, "Accept", mediaType);
        assertThat(get.status()).as(get.describe()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(manifest);
        assertThat(get.header("Content-Type")).isEqualTo(mediaType);
        assertThat(get.header("Docker-Content-Digest")).isEqualTo(digest);
        assertThat(get.header("Content-Length")).isEqualTo(Integer.toString(manifest.length));

        Response head = client.head(path, "Accept", mediaType);
        assertThat(head.status()).as(head.describe()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Type")).isEqualTo(mediaType);
        assertThat(head.header("Docker-Content-Digest")).isEqualTo(digest);
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(manifest.length));
    }
}
