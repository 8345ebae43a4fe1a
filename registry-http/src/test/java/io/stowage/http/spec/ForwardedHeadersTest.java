package io.stowage.http.spec;

import io.stowage.http.TestRegistry;
import io.stowage.metadata.AuditEvent;
import io.stowage.metadata.AuditQuery;
import io.stowage.service.access.AnonymousAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code http.forwardedHeaders}: believed only when turned on, and then for challenges and client addresses. */
class ForwardedHeadersTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void behindAProxyTheChallengeNamesThePublicUrlAndTheAuditLogTheRealClient(@TempDir Path dir) throws Exception {
        try (TestRegistry registry = TestRegistry.startBehindProxy(dir, AnonymousAccess.NONE)) {
            HttpResponse<String> challenged = http.send(forwarded(registry, "/v2/").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(challenged.statusCode()).isEqualTo(401);
            assertThat(challenged.headers().firstValue("WWW-Authenticate")).hasValue(
                    "Bearer realm=\"https://registry.example.com/token\",service=\"" + TestRegistry.SERVICE + "\"");

            HttpResponse<String> failed = http.send(forwarded(registry, "/v2/")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "nobody:wrong".getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(failed.statusCode()).isEqualTo(401);
            List<AuditEvent> logins = registry.metadata().audit().query(AuditQuery.ALL.withAction("login"), null, 10);
            assertThat(logins).singleElement().satisfies(e -> assertThat(e.clientAddress()).isEqualTo("203.0.113.7"));
        }
    }

    @Test
    void withoutTheSettingForwardedHeadersAreIgnored(@TempDir Path dir) throws Exception {
        try (TestRegistry registry = TestRegistry.start(dir, AnonymousAccess.NONE)) {
            HttpResponse<String> challenged = http.send(forwarded(registry, "/v2/").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(challenged.statusCode()).isEqualTo(401);
            assertThat(challenged.headers().firstValue("WWW-Authenticate")).hasValue(
                    "Bearer realm=\"http://127.0.0.1:" + registry.port() + "/token\",service=\""
                            + TestRegistry.SERVICE + "\"");
        }
    }

    private static HttpRequest.Builder forwarded(TestRegistry registry, String path) {
        return HttpRequest.newBuilder(registry.uri(path))
                .header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "registry.example.com");
    }
}
