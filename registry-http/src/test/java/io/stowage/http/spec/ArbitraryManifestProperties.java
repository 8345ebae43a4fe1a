package io.stowage.http.spec;

import io.stowage.http.TestRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.stowage.http.spec.OciAssertions.firstErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes a client pushes as a manifest, under whatever Content-Type, the registry answers 201 or a 4xx with
 * the spec's error body, never a 5xx; and whatever it accepted, it serves back byte for byte. The bodies are
 * mutations of a valid manifest whose blobs exist, so many get past the JSON parser into validation and storage.
 */
class ArbitraryManifestProperties {

    private static final String REPOSITORY = "arbitrary/manifests";
    private static final List<String> MEDIA_TYPES = List.of(Manifests.OCI_MANIFEST, Manifests.OCI_INDEX,
            Manifests.DOCKER_MANIFEST, Manifests.DOCKER_LIST, "application/json", "text/plain", "");

    private static TestRegistry registry;
    private static RegistryClient client;
    private static byte[] valid;

    @BeforeContainer
    static void start() throws Exception {
        registry = TestRegistry.startInTemporaryDirectory();
        client = new RegistryClient(registry);
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = "layer".getBytes(StandardCharsets.UTF_8);
        client.pushBlob(REPOSITORY, config);
        client.pushBlob(REPOSITORY, layer);
        valid = Manifests.bytes(Manifests.image(Manifests.OCI_MANIFEST,
                Manifests.descriptor(Manifests.OCI_CONFIG, config), Manifests.descriptor(Manifests.OCI_LAYER, layer)));
    }

    @AfterContainer
    static void stop() throws Exception {
        registry.closeAndDelete();
    }

    @Property(tries = 300)
    void anyPushIsStoredExactlyOrRefusedWithA4xx(@ForAll("bodies") byte[] body, @ForAll("mediaTypes") String type) {
        Response response = type.isEmpty()
                ? client.put("/v2/" + REPOSITORY + "/manifests/t", body)
                : client.put("/v2/" + REPOSITORY + "/manifests/t", body, "Content-Type", type);

        assertThat(response.status()).as(response.describe()).isIn(201, 400);
        if (response.status() == 201) {
            String digest = response.header("Docker-Content-Digest");
            assertThat(digest).isEqualTo(Digests.sha256(body));
            Response served = client.get("/v2/" + REPOSITORY + "/manifests/" + digest, "Accept", "*/*");
            assertThat(served.status()).as(served.describe()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(body);
        } else {
            assertThat(firstErrorCode(response)).isIn("MANIFEST_INVALID", "MANIFEST_BLOB_UNKNOWN", "DIGEST_INVALID");
        }
    }

    @Provide
    Arbitrary<String> mediaTypes() {
        return Arbitraries.of(MEDIA_TYPES);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1).ofMaxSize(4)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                    byte[] copy = valid.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        copy[positions.get(i)] = values.get(i);
                    }
                    return copy;
                }));
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, valid.length)
                .map(n -> java.util.Arrays.copyOf(valid, n));
        Arbitrary<byte[]> whitespace = Arbitraries.integers().between(0, valid.length).map(at -> {
            String text = new String(valid, StandardCharsets.UTF_8);
            return (text.substring(0, at) + " \n\t" + text.substring(at)).getBytes(StandardCharsets.UTF_8);
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, flipped),
                net.jqwik.api.Tuple.of(2, truncated),
                net.jqwik.api.Tuple.of(2, whitespace),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(valid)));
    }
}
