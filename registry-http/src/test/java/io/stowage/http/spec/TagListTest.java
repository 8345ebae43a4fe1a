package io.stowage.http.spec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.stowage.http.spec.Manifests.OCI_CONFIG;
import static io.stowage.http.spec.Manifests.OCI_MANIFEST;
import static io.stowage.http.spec.Manifests.descriptor;
import static io.stowage.http.spec.OciAssertions.assertError;
import static io.stowage.http.spec.OciAssertions.assertErrorStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** end-8a/8b, "Listing Tags": lexical order, {@code n} and {@code last}, and the {@code Link} header. */
class TagListTest extends SpecTestBase {

    /** Lower-case tags only: here byte order and the spec's case-insensitive order agree. */
    private static final List<String> TAGS = List.of("0.9", "1.0", "1.0-rc1", "1.10", "1.2", "a", "a_b", "a-b",
            "a.b", "b", "latest", "v1", "v1.0.0", "zz");

    @BeforeAll
    static void seed() throws Exception {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] manifest = Manifests.bytes(Manifests.image(OCI_MANIFEST,
                descriptor(OCI_CONFIG, client.pushBlob("tags/many", config), config.length)));
        List<String> shuffled = new ArrayList<>(TAGS);
        Collections.shuffle(shuffled, new Random(42));
        for (String tag : shuffled) {
            client.pushManifest("tags/many", tag, OCI_MANIFEST, manifest);
        }
        client.pushBlob("tags/untagged", config);
    }

    @Test
    void allTagsComeInLexicalOrderWithTheRepositoryName() {
        Response response = client.get("/v2/tags/many/tags/list");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.mediaType()).isEqualTo("application/json");
        assertThat(response.json().get("name").asText()).isEqualTo("tags/many");
        assertThat(tagsOf(response)).containsExactlyElementsOf(sorted(TAGS));
        assertThat(response.hasHeader("Link")).isFalse();
    }

    @Test
    void mixedCaseTagsComeInCaseInsensitiveOrder() {
        // "the tags MUST be in lexical order (i.e. case-insensitive alphanumeric order)"
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] manifest = Manifests.bytes(Manifests.image(OCI_MANIFEST,
                descriptor(OCI_CONFIG, client.pushBlob("tags/mixed", config), config.length)));
        for (String tag : List.of("B", "a", "C", "b2", "b", "_z")) {
            client.pushManifest("tags/mixed", tag, OCI_MANIFEST, manifest);
        }

        assertThat(tagsOf(client.get("/v2/tags/mixed/tags/list"))).containsExactly("_z", "a", "B", "b", "b2", "C");
        // Paging by last follows the same order: after "B" come its lower-case twin, then "b2".
        assertThat(tagsOf(client.get("/v2/tags/mixed/tags/list?n=2&last=B"))).containsExactly("b", "b2");
    }

    @Test
    void nReturnsTheFirstNTagsAndALinkToTheRest() {
        Response response = client.get("/v2/tags/many/tags/list?n=3");

        assertThat(tagsOf(response)).containsExactlyElementsOf(sorted(TAGS).subList(0, 3));
        assertThat(Links.next(response, "/v2/tags/many/tags/list?n=3")).isNotNull();
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 2, 3, 5, 13})
    void followingLinkHeadersWalksEveryTagExactlyOnce(int n) {
        List<String> seen = new ArrayList<>();
        String next = "/v2/tags/many/tags/list?n=" + n;
        int pages = 0;
        while (next != null) {
            Response response = client.get(next);
            assertThat(response.status()).as(response.describe()).isEqualTo(200);
            List<String> page = tagsOf(response);
            seen.addAll(page);
            next = Links.next(response, next);
            // The spec lets a page with a Link be short; Stowage fills every page but the last, and none is too long.
            if (next == null) {
                assertThat(page.size()).isLessThanOrEqualTo(n);
            } else {
                assertThat(page).hasSize(n);
            }
            pages++;
            assertThat(pages).as("pages followed").isLessThanOrEqualTo(TAGS.size() + 1);
        }
        assertThat(seen).containsExactlyElementsOf(sorted(TAGS));
    }

    @Test
    void nAsLargeAsTheListGivesEverythingAndNoLink() {
        Response response = client.get("/v2/tags/many/tags/list?n=" + TAGS.size());

        assertThat(tagsOf(response)).containsExactlyElementsOf(sorted(TAGS));
        assertThat(response.hasHeader("Link")).isFalse();
    }

    @Test
    void nOfZeroIsAnEmptyListWithoutLink() {
        // "When n is zero, this endpoint MUST return an empty list, and MUST NOT include a Link header."
        Response response = client.get("/v2/tags/many/tags/list?n=0");

        assertThat(response.status()).isEqualTo(200);
        assertThat(tagsOf(response)).isEmpty();
        assertThat(response.hasHeader("Link")).isFalse();
    }

    @Test
    void lastStartsAfterTheGivenTag() {
        List<String> sorted = sorted(TAGS);
        String last = sorted.get(4);

        Response withN = client.get("/v2/tags/many/tags/list?n=2&last=" + last);
        Response withoutN = client.get("/v2/tags/many/tags/list?last=" + last);

        assertThat(tagsOf(withN)).containsExactlyElementsOf(sorted.subList(5, 7));
        assertThat(tagsOf(withoutN)).containsExactlyElementsOf(sorted.subList(5, sorted.size()));
    }

    @Test
    void lastAfterTheFinalTagIsAnEmptyList() {
        Response response = client.get("/v2/tags/many/tags/list?last=zzz");

        assertThat(response.status()).isEqualTo(200);
        assertThat(tagsOf(response)).isEmpty();
        assertThat(response.hasHeader("Link")).isFalse();
    }

    @Test
    void aRepositoryWithoutTagsHasAnEmptyList() {
        // "The list of tags MAY be empty if there are no tags on the repository."
        Response response = client.get("/v2/tags/untagged/tags/list");

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(tagsOf(response)).isEmpty();
    }

    @Test
    void anUnknownRepositoryIs404NameUnknown() {
        assertError(client.get("/v2/tags/unknown/tags/list"), 404, "NAME_UNKNOWN");
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(strings = {"abc", "", "1.5", "0x10", "%31%2B", "-1", "-0x1"})
    void aMalformedNIs400WithAnErrorBody(String n) {
        assertErrorStatus(client.get("/v2/tags/many/tags/list?n=" + n), 400);
    }

    private static List<String> tagsOf(Response response) {
        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        return response.json().get("tags").valueStream().map(node -> node.asText()).toList();
    }

    /** The spec's order: "lexical order (i.e. case-insensitive alphanumeric order)". */
    private static List<String> sorted(List<String> tags) {
        return tags.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }
}
