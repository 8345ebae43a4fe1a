package io.stowage.http.admin;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathPatternTest {

    @Test
    void literalAndSingleSegmentParameters() {
        PathPattern pattern = PathPattern.parse("/users/{username}/password");
        assertThat(pattern.match("/users/alice/password")).contains(Map.of("username", "alice"));
        assertThat(pattern.match("/users/alice")).isEmpty();
        assertThat(pattern.match("/users//password")).isEmpty();
        assertThat(pattern.match("/users/alice/password/")).isEmpty();
        assertThat(pattern.match("users/alice/password")).isEmpty();
        assertThat(PathPattern.parse("/users").match("/users")).contains(Map.of());
    }

    @Test
    void aNamespaceTakesEverySegmentUpToTheMarker() {
        PathPattern one = PathPattern.parse("/namespaces/{namespace...}");
        PathPattern grant = PathPattern.parse("/namespaces/{namespace...}/-/grants/{kind}/{principal}");
        assertThat(one.match("/namespaces/team-a")).contains(Map.of("namespace", "team-a"));
        assertThat(one.match("/namespaces/org/team-a/app")).contains(Map.of("namespace", "org/team-a/app"));
        assertThat(one.match("/namespaces")).isEmpty();
        assertThat(one.match("/namespaces/org/-/grants")).as("the marker ends a namespace").isEmpty();
        assertThat(grant.match("/namespaces/org/team-a/-/grants/user/alice")).contains(
                Map.of("namespace", "org/team-a", "kind", "user", "principal", "alice"));
        assertThat(grant.match("/namespaces/-/grants/user/alice")).isEmpty();
        assertThat(grant.match("/namespaces/a/-/grants/user/-")).isEmpty();
        assertThat(grant.match("/namespaces/a/-/grants/user")).isEmpty();
    }

    @Test
    void everyPathHasAtMostOneReadingAmongTheTable() {
        for (String path : new String[] {"/namespaces/a/b/-/grants", "/namespaces/a/-/rules/7", "/users/x",
                "/namespaces/a/b", "/keys/rotate", "/robots/r/revoke"}) {
            long methodsPerPattern = AdminHandler.ENDPOINTS.stream().filter(e -> e.path().match(path).isPresent())
                    .map(e -> e.path().text()).distinct().count();
            assertThat(methodsPerPattern).as(path).isLessThanOrEqualTo(2);
        }
        Optional<Map<String, String>> keys = PathPattern.parse("/keys/{kid}/retire").match("/keys/rotate");
        assertThat(keys).isEmpty();
    }

    @Test
    void twoRestParametersAreRefused() {
        assertThatThrownBy(() -> PathPattern.parse("/a/{x...}/{y...}")).isInstanceOf(IllegalArgumentException.class);
        assertThat(PathPattern.parse("/namespaces/{namespace...}/-/grants").openApiPath())
                .isEqualTo("/namespaces/{namespace}/-/grants");
    }
}
