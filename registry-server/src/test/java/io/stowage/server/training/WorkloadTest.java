package io.stowage.server.training;

import io.stowage.server.Config;
import io.stowage.server.Stowage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The training workload gets exactly the answers it expects from the real registry, and leaves images behind. */
class WorkloadTest {

    @TempDir
    Path dir;

    @Test
    void everyRequestOfTheWorkloadIsAnsweredAsExpected() throws Exception {
        Config config = Config.load(Optional.empty(), Map.of(
                "STOWAGE_LISTEN", "127.0.0.1:0",
                "STOWAGE_DATA", dir.resolve("data").toString()), Map.of());
        try (Stowage stowage = Stowage.start(config); HttpClient client = HttpClient.newHttpClient()) {
            URI base = URI.create("http://127.0.0.1:" + stowage.port());
            Workload workload = new Workload(base, Duration.ofSeconds(2));

            assertThat(workload.run()).isZero();
            assertThat(workload.requests()).isGreaterThan(100);
            HttpResponse<String> tags = client.send(HttpRequest.newBuilder(
                    base.resolve("/v2/stowage-training/w0/tags/list")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(tags.statusCode()).isEqualTo(200);
            assertThat(tags.body()).contains("\"t0\"");
        }
    }
}
