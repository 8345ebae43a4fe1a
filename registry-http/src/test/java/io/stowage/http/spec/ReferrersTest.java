package io.stowage.http.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.stowage.http.spec.Manifests.OCI_INDEX;
import static io.stowage.http.spec.Manifests.OCI_MANIFEST;
import static io.stowage.http.spec.Manifests.descriptor;
import static io.stowage.http.spec.OciAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** end-12a/12b, "Listing Referrers". */
class ReferrersTest extends SpecTestBase {

    private static final String SBOM = "application/vnd.example.sbom.v1";
    private static final String SIGNATURE = "application/vnd.example.signature.v1";
    private static final String CUSTOM_CONFIG = "application/vnd.example.config.v1+json";
    private static final byte[] CUSTOM_CONFIG_BYTES = "{\"custom\":true}".getBytes(StandardCharsets.UTF_8);

    @Test
    void noReferrersIsAnEmptyIndex() {
        Subject subject = pushSubject("ref/none");

        assertEmptyIndex(client.get("/v2/ref/none/referrers/" + subject.digest()));
    }

    @Test
    void anUnknownRepositoryOrSubjectIsAnEmptyIndexToo() {
        // "If the registry supports the referrers API, the registry MUST NOT return a 404 Not Found".
        String digest = Digests.sha256("no such manifest".getBytes(StandardCharsets.UTF_8));

        assertEmptyIndex(client.get("/v2/ref/never/pushed/referrers/" + digest));
        pushSubject("ref/known");
        assertEmptyIndex(client.get("/v2/ref/known/referrers/" + digest));
    }

    @Test
    void descriptorsCarryMediaTypeSizeDigestArtifactTypeAndAnnotations() {
        Subject subject = pushSubject("ref/kinds");
        client.pushBlob("ref/kinds", CUSTOM_CONFIG_BYTES);
        byte[] sbom = referrer(Manifests.artifact(SBOM), subject, Map.of("org.example.sbom.format", "json",
                "org.opencontainers.image.created", "2022-01-01T14:42:55Z"));
        byte[] byConfig = referrer(Manifests.image(OCI_MANIFEST, descriptor(CUSTOM_CONFIG, CUSTOM_CONFIG_BYTES)),
                subject, Map.of("kind", "config-typed"));
        byte[] index = referrer(Manifests.index(OCI_INDEX), subject, Map.of("kind", "index"));
        ObjectNode typed = Manifests.index(OCI_INDEX);
        typed.put("artifactType", SIGNATURE);
        byte[] typedIndex = referrer(typed, subject, Map.of("kind", "typed-index"));
        Map<String, byte[]> pushed = Map.of(
                client.pushManifest("ref/kinds", Digests.sha256(sbom), OCI_MANIFEST, sbom), sbom,
                client.pushManifest("ref/kinds", Digests.sha256(byConfig), OCI_MANIFEST, byConfig), byConfig,
                client.pushManifest("ref/kinds", Digests.sha256(index), OCI_INDEX, index), index,
                client.pushManifest("ref/kinds", Digests.sha256(typedIndex), OCI_INDEX, typedIndex), typedIndex);

        Response response = client.get("/v2/ref/kinds/referrers/" + subject.digest());

        JsonNode manifests = assertIndex(response);
        assertThat(manifests).hasSize(4);
        for (JsonNode d : manifests) {
            byte[] content = pushed.get(d.get("digest").asText());
            assertThat(content).as("descriptor %s is one of the pushed referrers", d).isNotNull();
            assertThat(d.get("size").asLong()).isEqualTo(content.length);
            if (content == sbom) {
                assertThat(d.get("mediaType").asText()).isEqualTo(OCI_MANIFEST);
                assertThat(d.get("artifactType").asText()).isEqualTo(SBOM);
                assertThat(d.get("annotations").get("org.example.sbom.format").asText()).isEqualTo("json");
                assertThat(d.get("annotations").get("org.opencontainers.image.created").asText())
                        .isEqualTo("2022-01-01T14:42:55Z");
            } else if (content == byConfig) {
                // "If the artifactType is empty or missing in the image manifest, the value of artifactType MUST be
                // set to the config descriptor mediaType value."
                assertThat(d.get("mediaType").asText()).isEqualTo(OCI_MANIFEST);
                assertThat(d.get("artifactType").asText()).isEqualTo(CUSTOM_CONFIG);
                assertThat(d.get("annotations").get("kind").asText()).isEqualTo("config-typed");
            } else if (content == index) {
                // "If the artifactType is empty or missing in an index, the artifactType MUST be omitted."
                assertThat(d.get("mediaType").asText()).isEqualTo(OCI_INDEX);
                assertThat(d.has("artifactType")).isFalse();
                assertThat(d.get("annotations").get("kind").asText()).isEqualTo("index");
            } else {
                assertThat(d.get("mediaType").asText()).isEqualTo(OCI_INDEX);
                assertThat(d.get("artifactType").asText()).isEqualTo(SIGNATURE);
                assertThat(d.get("annotations").get("kind").asText()).isEqualTo("typed-index");
            }
        }
    }

    @Test
    void theArtifactTypeFilterKeepsOnlyThatTypeAndSaysSo() {
        Subject subject = pushSubject("ref/filter");
        String sbom = pushReferrer("ref/filter", subject, SBOM, "1");
        pushReferrer("ref/filter", subject, SIGNATURE, "2");
        String sbom2 = pushReferrer("ref/filter", subject, SBOM, "3");

        Response filtered = client.get("/v2/ref/filter/referrers/" + subject.digest() + "?artifactType=" + SBOM);
        Response unfiltered = client.get("/v2/ref/filter/referrers/" + subject.digest());

        assertThat(digestsOf(assertIndex(filtered))).containsExactlyInAnyOrder(sbom, sbom2);
        assertThat(filtered.header("OCI-Filters-Applied")).isEqualTo("artifactType");
        assertThat(digestsOf(assertIndex(unfiltered))).hasSize(3);
        assertThat(unfiltered.hasHeader("OCI-Filters-Applied")).isFalse();
        Response none = client.get("/v2/ref/filter/referrers/" + subject.digest() + "?artifactType=x/unknown");
        assertThat(assertIndex(none)).isEmpty();
        assertThat(none.header("OCI-Filters-Applied")).isEqualTo("artifactType");
    }

    @Test
    void referrersAreScopedToTheRepositoryAndGoWhenDeleted() {
        Subject subject = pushSubject("ref/scoped");
        pushSubject("ref/elsewhere");
        String here = pushReferrer("ref/scoped", subject, SBOM, "here");
        pushReferrer("ref/elsewhere", subject, SBOM, "elsewhere");
        String deleted = pushReferrer("ref/scoped", subject, SBOM, "deleted");

        assertThat(client.delete("/v2/ref/scoped/manifests/" + deleted).status()).isEqualTo(202);

        assertThat(digestsOf(assertIndex(client.get("/v2/ref/scoped/referrers/" + subject.digest()))))
                .containsExactly(here);
    }

    @Test
    void aReferrerPushedBeforeItsSubjectIsListed() {
        client.pushBlob("ref/early", Manifests.EMPTY_JSON);
        String later = Digests.sha256("pushed later".getBytes(StandardCharsets.UTF_8));
        byte[] early = Manifests.bytes(Manifests.withSubject(Manifests.artifact(SBOM), OCI_MANIFEST, later, 12));
        String digest = client.pushManifest("ref/early", Digests.sha256(early), OCI_MANIFEST, early);

        assertThat(digestsOf(assertIndex(client.get("/v2/ref/early/referrers/" + later)))).containsExactly(digest);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sha256:abc", "latest", "sha256:ZZZZ", "md5:d41d8cd98f00b204e9800998ecf8427e"})
    void aMalformedDigestIs400(String digest) {
        // "If the request is invalid, such as a <digest> with an invalid syntax, a 400 Bad Request MUST be returned."
        assertError(client.get("/v2/ref/none/referrers/" + digest), 400, "DIGEST_INVALID");
    }

    @Test
    void moreThanOnePageOfReferrersIsWalkedThroughLinkHeaders() throws Exception {
        Subject subject = pushSubject("ref/many");
        int count = 1_050;
        Set<String> pushed = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> futures = IntStream.range(0, count)
                    .mapToObj(i -> pool.submit(() -> pushReferrer("ref/many", subject, SBOM, Integer.toString(i))))
                    .toList();
            for (Future<String> future : futures) {
                pushed.add(future.get());
            }
        }
        assertThat(pushed).hasSize(count);

        List<String> seen = new ArrayList<>();
        String next = "/v2/ref/many/referrers/" + subject.digest();
        int pages = 0;
        while (next != null) {
            Response response = client.get(next);
            List<String> page = digestsOf(assertIndex(response));
            assertThat(page).isNotEmpty();
            seen.addAll(page);
            next = Links.next(response, next);
            assertThat(++pages).isLessThanOrEqualTo(count);
        }

        // "A Link header MUST be included in the response when the descriptor list cannot be returned in a single
        // manifest."
        assertThat(pages).isGreaterThan(1);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(pushed);
    }

    @Test
    void paginationKeepsTheFilter() throws Exception {
        Subject subject = pushSubject("ref/manyfiltered");
        Set<String> sboms = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> futures = IntStream.range(0, 1_020)
                    .mapToObj(i -> pool.submit(() -> pushReferrer("ref/manyfiltered", subject, SBOM, "s" + i)))
                    .toList();
            List<Future<String>> others = IntStream.range(0, 30)
                    .mapToObj(i -> pool.submit(() -> pushReferrer("ref/manyfiltered", subject, SIGNATURE, "o" + i)))
                    .toList();
            for (Future<String> future : futures) {
                sboms.add(future.get());
            }
            for (Future<String> future : others) {
                future.get();
            }
        }

        List<String> seen = new ArrayList<>();
        String next = "/v2/ref/manyfiltered/referrers/" + subject.digest() + "?artifactType=" + SBOM;
        while (next != null) {
            Response response = client.get(next);
            assertThat(response.header("OCI-Filters-Applied")).isEqualTo("artifactType");
            seen.addAll(digestsOf(assertIndex(response)));
            next = Links.next(response, next);
        }

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(sboms);
    }

    private record Subject(String digest, int size) {
    }

    /** A small image to refer to, with the empty blob the artifacts use already in the repository. */
    private static Subject pushSubject(String repository) {
        client.pushBlob(repository, Manifests.EMPTY_JSON);
        byte[] config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        client.pushBlob(repository, config);
        byte[] image = Manifests.bytes(Manifests.image(OCI_MANIFEST, descriptor(Manifests.OCI_CONFIG, config)));
        return new Subject(client.pushManifest(repository, "subject", OCI_MANIFEST, image), image.length);
    }

    /** Pushes an artifact of {@code artifactType} referring to {@code subject}, made unique by {@code id}. */
    private static String pushReferrer(String repository, Subject subject, String artifactType, String id) {
        byte[] artifact = referrer(Manifests.artifact(artifactType), subject, Map.of("id", id));
        Response response = client.put("/v2/" + repository + "/manifests/" + Digests.sha256(artifact), artifact,
                "Content-Type", OCI_MANIFEST);
        assertThat(response.status()).as(response.describe()).isEqualTo(201);
        assertThat(response.header("OCI-Subject")).isEqualTo(subject.digest());
        return response.header("Docker-Content-Digest");
    }

    private static byte[] referrer(ObjectNode manifest, Subject subject, Map<String, String> annotations) {
        return Manifests.bytes(Manifests.withAnnotations(
                Manifests.withSubject(manifest, OCI_MANIFEST, subject.digest(), subject.size()), annotations));
    }

    private static void assertEmptyIndex(Response response) {
        assertThat(assertIndex(response)).isEmpty();
        assertThat(response.hasHeader("Link")).isFalse();
    }

    /** 200, the index media type as Content-Type, and an image index body; returns its manifests. */
    private static JsonNode assertIndex(Response response) {
        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo(OCI_INDEX);
        JsonNode index = response.json();
        assertThat(index.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(index.get("mediaType").asText()).isEqualTo(OCI_INDEX);
        assertThat(index.get("manifests").isArray()).isTrue();
        return index.get("manifests");
    }

    private static List<String> digestsOf(JsonNode manifests) {
        return manifests.valueStream().map(d -> d.get("digest").asText()).toList();
    }
}
