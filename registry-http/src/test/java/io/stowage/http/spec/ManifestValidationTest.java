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

import static io.stowage.http.spec.Manifests.DOCKER_MANIFEST;
import static io.stowage.http.spec.Manifests.OCI_CONFIG;
import static io.stowage.http.spec.Manifests.OCI_INDEX;
import static io.stowage.http.spec.Manifests.OCI_LAYER;
import static io.stowage.http.spec.Manifests.OCI_MANIFEST;
import static io.stowage.http.spec.Manifests.descriptor;
import static io.stowage.http.spec.OciAssertions.assertError;
import static io.stowage.http.spec.OciAssertions.assertErrorStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** What a manifest push must refuse, and the limits, subjects, extra tags and names it must accept. */
class ManifestValidationTest extends SpecTestBase {

    private static final int FOUR_MIB = 4 * 1024 * 1024;
    private static final byte[] CONFIG = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aManifestReferencingAMissingLayerIs400ManifestBlobUnknown() {
        ObjectNode manifest = Manifests.image(OCI_MANIFEST, descriptor(OCI_CONFIG, client.pushBlob("val/layer", CONFIG),
                CONFIG.length), descriptor(OCI_LAYER, "never pushed".getBytes(StandardCharsets.UTF_8)));

        Response response = put("val/layer", "v1", OCI_MANIFEST, Manifests.bytes(manifest));

        assertError(response, 400, "MANIFEST_BLOB_UNKNOWN");
        assertError(client.get("/v2/val/layer/manifests/v1"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void aManifestReferencingAMissingConfigIs400ManifestBlobUnknown() {
        ObjectNode manifest = Manifests.image(OCI_MANIFEST, descriptor(OCI_CONFIG, CONFIG));

        assertError(put("val/config", "v1", OCI_MANIFEST, Manifests.bytes(manifest)), 400, "MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void aBlobInAnotherRepositoryDoesNotSatisfyAManifest() {
        String config = client.pushBlob("val/other", CONFIG);
        ObjectNode manifest = Manifests.image(OCI_MANIFEST, descriptor(OCI_CONFIG, config, CONFIG.length));

        assertError(put("val/mine", "v1", OCI_MANIFEST, Manifests.bytes(manifest)), 400, "MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void anIndexReferencingAMissingChildManifestIs400ManifestBlobUnknown() {
        byte[] child = Manifests.bytes(Manifests.image(OCI_MANIFEST, descriptor(OCI_CONFIG, CONFIG)));
        ObjectNode index = Manifests.index(OCI_INDEX, descriptor(OCI_MANIFEST, child));

        assertError(put("val/index", "v1", OCI_INDEX, Manifests.bytes(index)), 400, "MANIFEST_BLOB_UNKNOWN");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "{", "not json", "[]", "null", "42", "\"string\"", "{\"schemaVersion\":2}{}",
            "{\"schemaVersion\":1,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"x/y\",\"digest\":\"sha256:zz\",\"size\":1},\"layers\":[]}"})
    void anInvalidManifestIs400ManifestInvalid(String body) {
        assertError(put("val/invalid", "v1", OCI_MANIFEST, body.getBytes(StandardCharsets.UTF_8)), 400,
                "MANIFEST_INVALID");
    }

    @Test
    void aMediaTypeFieldThatContradictsTheContentTypeIs400ManifestInvalid() {
        byte[] manifest = Manifests.bytes(Manifests.image(OCI_MANIFEST,
                descriptor(OCI_CONFIG, client.pushBlob("val/mismatch", CONFIG), CONFIG.length)));

        assertError(put("val/mismatch", "v1", DOCKER_MANIFEST, manifest), 400, "MANIFEST_INVALID");
        assertError(put("val/mismatch", "v1", OCI_INDEX, manifest), 400, "MANIFEST_INVALID");
    }

    @Test
    void aPushByTheWrongDigestIs400DigestInvalid() {
        byte[] manifest = Manifests.bytes(Manifests.image(OCI_MANIFEST,
                descriptor(OCI_CONFIG, client.pushBlob("val/digest", CONFIG), CONFIG.length)));
        String wrong = Digests.sha256("other".getBytes(StandardCharsets.UTF_8));

        assertError(put("val/digest", wrong, OCI_MANIFEST, manifest), 400, "DIGEST_INVALID");
        assertError(client.get("/v2/val/digest/manifests/" + wrong), 404, "MANIFEST_UNKNOWN");
        assertError(client.get("/v2/val/digest/manifests/" + Digests.sha256(manifest)), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void exactlyFourMebibytesAreAcceptedAndOneByteMoreIs413() {
        client.pushBlob("val/size", Manifests.EMPTY_JSON);
        byte[] limit = padded(FOUR_MIB);
        byte[] over = padded(FOUR_MIB + 1);
        assertThat(limit).hasSize(FOUR_MIB);
        assertThat(over).hasSize(FOUR_MIB + 1);

        Response accepted = put("val/size", "limit", OCI_MANIFEST, limit);
        Response refused = put("val/size", "over", OCI_MANIFEST, over);

        assertThat(accepted.status()).as(accepted.describe()).isEqualTo(201);
        assertThat(client.get("/v2/val/size/manifests/limit").body()).isEqualTo(limit);
        assertErrorStatus(refused, 413);
        assertError(client.get("/v2/val/size/manifests/over"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void anOversizedManifestStreamedWithoutContentLengthIs413Too() {
        client.pushBlob("val/size", Manifests.EMPTY_JSON);

        Response refused = client.sendStreamed("PUT", "/v2/val/size/manifests/streamed", padded(FOUR_MIB + 1),
                "Content-Type", OCI_MANIFEST);

        assertErrorStatus(refused, 413);
    }

    @Test
    void aSubjectIsAcceptedBeforeItsTargetExistsAndAnsweredWithOciSubject() {
        // "A registry MUST initially accept an otherwise valid manifest with a subject field that references a
        // manifest that does not exist in the repository".
        client.pushBlob("val/subject", Manifests.EMPTY_JSON);
        String absent = Digests.sha256("a manifest pushed later".getBytes(StandardCharsets.UTF_8));
        ObjectNode signature = Manifests.withSubject(Manifests.artifact("application/vnd.example.sig"),
                OCI_MANIFEST, absent, 123);

        Response response = put("val/subject", Digests.sha256(Manifests.bytes(signature)), OCI_MANIFEST,
                Manifests.bytes(signature));

        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        assertThat(response.header("OCI-Subject")).isEqualTo(absent);
    }

    @Test
    void putByDigestWithTagParametersTagsEveryOne() {
        byte[] manifest = Manifests.bytes(Manifests.image(OCI_MANIFEST,
                descriptor(OCI_CONFIG, client.pushBlob("val/tags", CONFIG), CONFIG.length)));
        String digest = Digests.sha256(manifest);

        Response response = client.put("/v2/val/tags/manifests/" + digest + "?tag=a&tag=b", manifest,
                "Content-Type", OCI_MANIFEST);

        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        assertThat(client.get("/v2/val/tags/manifests/a").body()).isEqualTo(manifest);
        assertThat(client.get("/v2/val/tags/manifests/b").body()).isEqualTo(manifest);
        assertThat(client.get("/v2/val/tags/tags/list").json().get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-leading-dash", ".leading-dot", "has+plus", "has%21bang",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void anInvalidTagIs400NameInvalid(String tag) {
        byte[] manifest = Manifests.bytes(Manifests.image(OCI_MANIFEST,
                descriptor(OCI_CONFIG, client.pushBlob("val/badtag", CONFIG), CONFIG.length)));

        assertError(put("val/badtag", tag, OCI_MANIFEST, manifest), 400, "NAME_INVALID");
        assertError(client.get("/v2/val/badtag/manifests/" + tag), 400, "NAME_INVALID");
        assertError(client.delete("/v2/val/badtag/manifests/" + tag), 400, "NAME_INVALID");
        assertError(client.put("/v2/val/badtag/manifests/" + Digests.sha256(manifest) + "?tag=" + tag, manifest,
                "Content-Type", OCI_MANIFEST), 400, "NAME_INVALID");
    }

    @Test
    void aTagOf128CharactersIsValid() {
        String tag = "t".repeat(128);
        byte[] manifest = Manifests.bytes(Manifests.image(OCI_MANIFEST,
                descriptor(OCI_CONFIG, client.pushBlob("val/longtag", CONFIG), CONFIG.length)));

        assertThat(put("val/longtag", tag, OCI_MANIFEST, manifest).status()).isEqualTo(201);
        assertThat(client.get("/v2/val/longtag/manifests/" + tag).body()).isEqualTo(manifest);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Upper", "upper/Case", "a..b", "a/..b", "..a", "trailing/", "/leading", "-dash", "a___b", "a-",
            "_under", "a//b", "a%20b", "caf%C3%A9"})
    void anInvalidRepositoryNameIs400NameInvalid(String name) {
        assertError(client.get("/v2/" + name + "/manifests/latest"), 400, "NAME_INVALID");
        assertError(client.put("/v2/" + name + "/manifests/latest", Manifests.bytes(Manifests.image(OCI_MANIFEST,
                descriptor(OCI_CONFIG, CONFIG))), "Content-Type", OCI_MANIFEST), 400, "NAME_INVALID");
        assertError(client.post("/v2/" + name + "/blobs/uploads/", null), 400, "NAME_INVALID");
        assertError(client.get("/v2/" + name + "/tags/list"), 400, "NAME_INVALID");
    }

    private static Response put(String repository, String reference, String mediaType, byte[] manifest) {
        return client.put("/v2/" + repository + "/manifests/" + reference, manifest, "Content-Type", mediaType);
    }

    /** An artifact manifest padded with an annotation to exactly {@code size} bytes. */
    private static byte[] padded(int size) {
        ObjectNode manifest = Manifests.withAnnotations(Manifests.artifact("application/vnd.example.big"),
                Map.of("pad", ""));
        int overhead = Manifests.bytes(manifest).length;
        Manifests.withAnnotations(manifest, Map.of("pad", "x".repeat(size - overhead)));
        return Manifests.bytes(manifest);
    }
}
