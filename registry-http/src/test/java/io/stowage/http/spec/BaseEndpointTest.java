package io.stowage.http.spec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.stowage.http.spec.OciAssertions.assertError;
import static io.stowage.http.spec.OciAssertions.assertHeadError;
import static org.assertj.core.api.Assertions.assertThat;

/** end-1 ("Determining Support") and what every endpoint shares: unknown paths, wrong methods, request ids. */
class BaseEndpointTest extends SpecTestBase {

    private static final String DIGEST = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @Test
    void getV2AnswersOkWithTheApiVersionHeader() {
        Response response = client.get("/v2/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
    }

    @Test
    void headV2AnswersOkWithoutABody() {
        Response response = client.head("/v2/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
        assertThat(response.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/v1/", "/v3/", "/v2/foo", "/v2/foo/bar", "/v2/foo/tags", "/v2/foo/tags/list/x",
            "/v2/foo/blobs/", "/v2/foo/manifests/", "/v2/foo/referrers/", "/v2/_catalog/more",
            "/v2/foo/blobs/" + DIGEST + "/extra", "/v2/foo/manifests/latest/extra"})
    void unknownPathsAre404WithAnUnsupportedError(String path) {
        assertError(client.get(path), 404, "UNSUPPORTED");
    }

    @Test
    void anUnknownPathAnswersHeadWith404Too() {
        assertHeadError(client.head("/v2/foo/bar"), 404);
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /v2/",
            "DELETE, /v2/",
            "PUT, /v2/_catalog",
            "POST, /v2/repo/tags/list",
            "PUT, /v2/repo/blobs/" + DIGEST,
            "POST, /v2/repo/blobs/" + DIGEST,
            "PATCH, /v2/repo/blobs/" + DIGEST,
            "POST, /v2/repo/manifests/latest",
            "PATCH, /v2/repo/manifests/latest",
            "GET, /v2/repo/blobs/uploads/",
            "PUT, /v2/repo/blobs/uploads/",
            "DELETE, /v2/repo/blobs/uploads/",
            "POST, /v2/repo/blobs/uploads/3f1c0a2e-8b7d-4c4e-9a51-0d6f2b9e7c11",
            "DELETE, /v2/repo/referrers/" + DIGEST,
            "OPTIONS, /v2/repo/manifests/latest",
    })
    void wrongMethodsAre405WithAnErrorBodyAndAnAllowHeader(String method, String path) {
        Response response = client.send(method, path, null);

        assertError(response, 405, "UNSUPPORTED");
        assertThat(response.header("Allow")).as(response.describe()).isNotBlank();
        assertThat(response.header("Allow")).doesNotContain(method);
    }

    @Test
    void everyResponseCarriesItsOwnRequestId() {
        List<Response> responses = List.of(
                client.get("/v2/"),
                client.get("/v2/nothing/here"),
                client.send("POST", "/v2/", null),
                client.get("/v2/repo/blobs/" + DIGEST),
                client.get("/v2/repo/blobs/sha256:bad"),
                client.head("/v2/repo/manifests/latest"),
                client.post("/v2/repo/blobs/uploads/", null),
                RawHttp.send(registry.port(), "GET", "/v2/%2e%2e/blobs/" + DIGEST),
                RawHttp.send(registry.port(), "GET", "/v2/a%2Fb/../../x"));

        Set<String> ids = new HashSet<>();
        for (Response response : responses) {
            String id = response.header("X-Request-Id");
            assertThat(id).as(response.describe()).isNotBlank();
            ids.add(id);
        }
        assertThat(ids).hasSameSizeAs(responses);
    }
}
