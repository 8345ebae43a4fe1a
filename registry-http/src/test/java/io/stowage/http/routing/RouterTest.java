package io.stowage.http.routing;

import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.NameInvalidException;
import io.stowage.oci.error.RouteNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {

    private static final String DIGEST = "sha256:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
    private static final String UPLOAD = "3f1c0a2e-8b7d-4c4e-9a51-0d6f2b9e7c11";

    @Test
    void theBaseEndpointMatchesWithAndWithoutTrailingSlash() {
        assertThat(Router.match("/v2/")).isEqualTo(new Route.Base());
        assertThat(Router.match("/v2")).isEqualTo(new Route.Base());
    }

    @Test
    void opsEndpointsAndTheCatalogMatchExactly() {
        assertThat(Router.match("/v2/_catalog")).isEqualTo(new Route.Catalog());
        assertThat(Router.match("/healthz")).isEqualTo(new Route.Health());
        assertThat(Router.match("/readyz")).isEqualTo(new Route.Ready());
        assertThat(Router.match("/metrics")).isEqualTo(new Route.MetricsRoute());
    }

    @Test
    void everyRepositoryEndpointMatches() {
        RepositoryName name = RepositoryName.parse("library/ubuntu");

        assertThat(Router.match("/v2/library/ubuntu/tags/list")).isEqualTo(new Route.TagList(name));
        assertThat(Router.match("/v2/library/ubuntu/manifests/latest")).isEqualTo(new Route.Manifest(name, "latest"));
        assertThat(Router.match("/v2/library/ubuntu/manifests/" + DIGEST)).isEqualTo(new Route.Manifest(name, DIGEST));
        assertThat(Router.match("/v2/library/ubuntu/blobs/" + DIGEST)).isEqualTo(new Route.Blob(name, DIGEST));
        assertThat(Router.match("/v2/library/ubuntu/blobs/uploads/")).isEqualTo(new Route.UploadStart(name));
        assertThat(Router.match("/v2/library/ubuntu/blobs/uploads")).isEqualTo(new Route.UploadStart(name));
        assertThat(Router.match("/v2/library/ubuntu/blobs/uploads/" + UPLOAD)).isEqualTo(new Route.Upload(name, UPLOAD));
        assertThat(Router.match("/v2/library/ubuntu/referrers/" + DIGEST)).isEqualTo(new Route.Referrers(name, DIGEST));
    }

    @Test
    void namesMadeOfEndpointWordsAreSplitAtTheLastMarker() {
        assertThat(Router.match("/v2/blobs/manifests/latest"))
                .isEqualTo(new Route.Manifest(RepositoryName.parse("blobs"), "latest"));
        assertThat(Router.match("/v2/manifests/blobs/" + DIGEST))
                .isEqualTo(new Route.Blob(RepositoryName.parse("manifests"), DIGEST));
        assertThat(Router.match("/v2/a/blobs/uploads/blobs/uploads/"))
                .isEqualTo(new Route.UploadStart(RepositoryName.parse("a/blobs/uploads")));
        assertThat(Router.match("/v2/a/blobs/uploads/blobs/uploads/" + UPLOAD))
                .isEqualTo(new Route.Upload(RepositoryName.parse("a/blobs/uploads"), UPLOAD));
        assertThat(Router.match("/v2/a/blobs/uploads/blobs/" + DIGEST))
                .isEqualTo(new Route.Blob(RepositoryName.parse("a/blobs/uploads"), DIGEST));
        assertThat(Router.match("/v2/tags/list/tags/list"))
                .isEqualTo(new Route.TagList(RepositoryName.parse("tags/list")));
        assertThat(Router.match("/v2/a/manifests/b/blobs/uploads/"))
                .isEqualTo(new Route.UploadStart(RepositoryName.parse("a/manifests/b")));
        assertThat(Router.match("/v2/referrers/referrers/" + DIGEST))
                .isEqualTo(new Route.Referrers(RepositoryName.parse("referrers"), DIGEST));
        assertThat(Router.match("/v2/v2/manifests/manifests"))
                .isEqualTo(new Route.Manifest(RepositoryName.parse("v2"), "manifests"));
    }

    @Test
    void referencesAreHandedOverRawForTheHandlersToValidate() {
        RepositoryName name = RepositoryName.parse("repo");

        assertThat(Router.match("/v2/repo/blobs/not-a-digest")).isEqualTo(new Route.Blob(name, "not-a-digest"));
        assertThat(Router.match("/v2/repo/manifests/-bad-tag")).isEqualTo(new Route.Manifest(name, "-bad-tag"));
        assertThat(Router.match("/v2/repo/blobs/uploads/x")).isEqualTo(new Route.Upload(name, "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/v1/", "/v2x", "/v3/repo/tags/list", "/v2/repo", "/v2/repo/blobs/",
            "/v2/repo/manifests/", "/v2/repo/referrers/", "/v2/repo/tags", "/v2/repo/tags/list/",
            "/v2/repo/blobs/" + DIGEST + "/x", "/v2/_catalog/x", "/v2/blobs/x", "/v2/manifests/latest",
            "/v2//manifests/latest", "/v2/tags/list", "/healthz/", "/metrics/x", "/v2/repo/blobs/uploads/a/b"})
    void pathsThatAreNoEndpointAreRouteNotFound(String path) {
        assertThatThrownBy(() -> Router.match(path)).isInstanceOf(RouteNotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/Upper/manifests/latest", "/v2/a..b/blobs/" + DIGEST, "/v2/trailing//tags/list",
            "/v2//leading/manifests/x", "/v2/a//b/blobs/uploads/", "/v2/-dash/referrers/" + DIGEST,
            "/v2/a___b/manifests/latest", "/v2/caf\u00e9/manifests/latest", "/v2/../manifests/latest"})
    void anEndpointWithAnInvalidNameIsNameInvalid(String path) {
        assertThatThrownBy(() -> Router.match(path)).isInstanceOf(NameInvalidException.class);
    }

    @Test
    void aNameOfMaximumLengthIsAcceptedAndOneMoreCharacterIsNot() {
        String longest = "a".repeat(RepositoryName.MAX_LENGTH);

        assertThat(Router.match("/v2/" + longest + "/tags/list"))
                .isEqualTo(new Route.TagList(RepositoryName.parse(longest)));
        assertThatThrownBy(() -> Router.match("/v2/" + longest + "a/tags/list"))
                .isInstanceOf(NameInvalidException.class);
    }

    @Test
    void aVeryLongUnknownPathIsAbbreviatedInTheError() {
        String path = "/x/" + "y".repeat(10_000);

        assertThatThrownBy(() -> Router.match(path))
                .isInstanceOfSatisfying(RouteNotFoundException.class,
                        e -> assertThat(e.detail()).hasSizeLessThan(300));
    }
}
