package io.stowage.http.spec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.stowage.http.spec.OciAssertions.assertErrorStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v2/_catalog}, the Docker registry API's repository list, paginated like tag lists. */
class CatalogTest extends SpecTestBase {

    private static final List<String> REPOSITORIES = List.of("alpha", "beta/one", "beta/two", "gamma", "gamma/deep/er",
            "library/ubuntu", "z9");

    @BeforeAll
    static void seed() throws Exception {
        for (String repository : REPOSITORIES.reversed()) {
            client.pushBlob(repository, repository.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyRepositoryIsListedInOrder() {
        Response response = client.get("/v2/_catalog");

        assertThat(repositoriesOf(response)).containsExactlyElementsOf(REPOSITORIES);
        assertThat(response.hasHeader("Link")).isFalse();
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 2, 3, 6})
    void followingLinkHeadersWalksEveryRepositoryExactlyOnce(int n) {
        List<String> seen = new ArrayList<>();
        String next = "/v2/_catalog?n=" + n;
        int pages = 0;
        while (next != null) {
            Response response = client.get(next);
            List<String> page = repositoriesOf(response);
            assertThat(page.size()).isLessThanOrEqualTo(n);
            seen.addAll(page);
            next = Links.next(response, next);
            assertThat(++pages).isLessThanOrEqualTo(REPOSITORIES.size() + 1);
        }
        assertThat(seen).containsExactlyElementsOf(REPOSITORIES);
    }

    @Test
    void lastStartsAfterTheGivenRepository() {
        Response response = client.get("/v2/_catalog?n=2&last=beta/one");

        assertThat(repositoriesOf(response)).containsExactly("beta/two", "gamma");
        assertThat(response.header("Link")).contains("rel=\"next\"");
    }

    @Test
    void nOfZeroIsAnEmptyListWithoutLink() {
        Response response = client.get("/v2/_catalog?n=0");

        assertThat(repositoriesOf(response)).isEmpty();
        assertThat(response.hasHeader("Link")).isFalse();
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(strings = {"many", "-1", "2.0"})
    void aMalformedNIs400(String n) {
        assertErrorStatus(client.get("/v2/_catalog?n=" + n), 400);
    }

    private static List<String> repositoriesOf(Response response) {
        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(response.mediaType()).isEqualTo("application/json");
        return response.json().get("repositories").valueStream().map(node -> node.asText()).toList();
    }
}
