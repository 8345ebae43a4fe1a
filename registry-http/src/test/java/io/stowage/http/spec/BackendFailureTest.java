package io.stowage.http.spec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import static io.stowage.http.spec.OciAssertions.firstErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/** A failing backend is a 500 with the error body and the request id, and no internals. */
class BackendFailureTest extends SpecTestBase {

    @Test
    void aClosedMetadataStoreIsA500WithRequestIdAndNoStackTrace() throws Exception {
        registry.metadata().close();
        try {
            Response response = client.get("/v2/broken/tags/list");

            assertThat(response.status()).as(response.describe()).isEqualTo(500);
            firstErrorCode(response);
            String requestId = response.header("X-Request-Id");
            assertThat(requestId).as(response.describe()).isNotBlank();
            assertThat(response.text()).contains(requestId).doesNotContain("Exception").doesNotContain("at io.");
            assertThat(response.header("Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
        } finally {
            registry.restart();
        }
        assertThat(client.get("/v2/").status()).isEqualTo(200);
    }
}
