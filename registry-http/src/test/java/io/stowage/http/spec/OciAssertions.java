package io.stowage.http.spec;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on the spec's error responses ("Error Codes": a JSON body {@code {"errors":[{"code":...}]}}). */
final class OciAssertions {

    /** Status, JSON Content-Type, and {@code code} as the first error's code. */
    static void assertError(Response response, int status, String code) {
        assertThat(response.status()).as(response.describe()).isEqualTo(status);
        assertThat(firstErrorCode(response)).as(response.describe()).isEqualTo(code);
    }

    /** Status and a well-formed spec error body, whatever its code. */
    static void assertErrorStatus(Response response, int status) {
        assertThat(response.status()).as(response.describe()).isEqualTo(status);
        firstErrorCode(response);
    }

    /** For HEAD, which has no body: status and the JSON Content-Type the body would have had. */
    static void assertHeadError(Response response, int status) {
        assertThat(response.status()).as(response.describe()).isEqualTo(status);
        assertThat(response.mediaType()).as(response.describe()).isEqualTo("application/json");
        assertThat(response.body()).isEmpty();
    }

    /** Checks the body is a spec error document and returns the first error's code. */
    static String firstErrorCode(Response response) {
        assertThat(response.mediaType()).as(response.describe()).isEqualTo("application/json");
        JsonNode errors = response.json().get("errors");
        assertThat(errors).as(response.describe()).isNotNull();
        assertThat(errors.isArray() && !errors.isEmpty()).as(response.describe()).isTrue();
        for (JsonNode error : errors) {
            // "The code field MUST be a unique identifier, containing only uppercase alphabetic characters and
            // underscores."
            assertThat(error.path("code").asText()).as(response.describe()).matches("[A-Z_]+");
        }
        return errors.get(0).get("code").asText();
    }

    private OciAssertions() {
    }
}
