package io.stowage.interop;

import io.stowage.interop.AccountedHttp.Answer;
import io.stowage.interop.ManifestJson.Descriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static io.stowage.interop.MetricsScrape.series;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees of a running registry, started as users start it: the health, readiness and metrics
 * endpoints, the start-up line, the access log, and the request id and API version on every response.
 *
 * <p>One registry serves the whole class. Every request goes through {@link AccountedHttp}, which returns only once
 * the registry has accounted for the request, so metric deltas between two scrapes are exact. No test leaves an
 * upload session open, so the open-sessions gauge starts each test at 0.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ObservabilityIT {

    private static final String REQUESTS = "stowage_http_requests_total";
    private static final String DURATION = "stowage_http_request_duration_seconds";
    private static final String BYTES_RECEIVED = "stowage_http_bytes_received_total";
    private static final String BYTES_SENT = "stowage_http_bytes_sent_total";
    private static final String SESSIONS_OPEN = "stowage_upload_sessions_open";
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f]{32}");

    @TempDir
    static Path tmp;

    private static RegistryProcess registry;
    private static AccountedHttp http;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = RegistryProcess.start(tmp.resolve("data"));
        http = new AccountedHttp(registry);
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (http != null) {
            http.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void healthReadinessAndMetricsEndpointsAnswer() throws Exception {
        assertThat(http.get("/healthz").status()).isEqualTo(200);
        assertThat(http.get("/readyz").status()).isEqualTo(200);
        Answer metrics = http.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        assertThat(text(metrics)).contains("# TYPE " + REQUESTS + " counter", "# TYPE " + DURATION + " histogram",
                "# TYPE " + SESSIONS_OPEN + " gauge");
    }

    @Test
    void diskSpaceGaugesDescribeTheFileSystemOfTheDataDirectory() throws Exception {
        // The blobs and the SQLite database are both in the data directory here, on this test's file system.
        double size = Files.getFileStore(tmp).getTotalSpace();
        MetricsScrape scrape = scrape();
        for (String prefix : List.of("stowage_blob_storage", "stowage_metadata_storage")) {
            assertThat(scrape.value(prefix + "_size_bytes")).as(prefix).isEqualTo(size);
            assertThat(scrape.value(prefix + "_free_bytes")).as(prefix).isPositive().isLessThanOrEqualTo(size);
        }
    }

    @Test
    void metricsCountAKnownSequenceOfRequests() throws Exception {
        String repository = "observe/metrics";
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] layer1 = SeededBytes.bytes(11, 10_000);
        byte[] layer2 = SeededBytes.bytes(12, 70_001);
        byte[] manifest = ManifestJson.image(Descriptor.of(ManifestJson.CONFIG, config),
                List.of(Descriptor.of(ManifestJson.LAYER, layer1), Descriptor.of(ManifestJson.LAYER, layer2)),
                "metrics");
        List<Answer> answers = new ArrayList<>();

        Answer first = http.get("/metrics");
        answers.add(first);
        MetricsScrape before = MetricsScrape.parse(text(first));
        for (byte[] blob : List.of(config, layer1, layer2)) {
            answers.add(expect(201, http.send(http.request("/v2/" + repository + "/blobs/uploads/?digest="
                    + Sha256.digestOf(blob)).POST(BodyPublishers.ofByteArray(blob)))));
        }
        answers.add(expect(201, http.send(http.request("/v2/" + repository + "/manifests/v1")
                .header("Content-Type", OciHttp.OCI_MANIFEST).PUT(BodyPublishers.ofByteArray(manifest)))));
        for (int i = 0; i < 2; i++) {
            Answer pulled = expect(200, http.send(http.request("/v2/" + repository + "/manifests/v1")
                    .header("Accept", OciHttp.OCI_MANIFEST).GET()));
            assertThat(pulled.body()).isEqualTo(manifest);
            answers.add(pulled);
        }
        answers.add(expect(404, http.get("/v2/" + repository + "/manifests/no-such-tag")));
        Answer second = expect(200, http.get("/metrics"));
        MetricsScrape after = MetricsScrape.parse(text(second));

        // The first scrape is counted by the second: a request is recorded after its response is written.
        Map<String, Double> expectedRequests = new LinkedHashMap<>();
        expectedRequests.put(requests("GET", "manifest", 200), 2.0);
        expectedRequests.put(requests("GET", "manifest", 404), 1.0);
        expectedRequests.put(requests("GET", "metrics", 200), 1.0);
        expectedRequests.put(requests("POST", "upload-start", 201), 3.0);
        expectedRequests.put(requests("PUT", "manifest", 201), 1.0);
        assertThat(after.deltas(before, REQUESTS + "{")).as("growth of every request series; scrape:\n%s", after)
                .containsExactlyInAnyOrderEntriesOf(expectedRequests);

        Map<List<String>, Integer> expectedDurations = Map.of(List.of("GET", "manifest"), 3, List.of("GET", "metrics"),
                1, List.of("POST", "upload-start"), 3, List.of("PUT", "manifest"), 1);
        expectedDurations.forEach((methodAndRoute, count) ->
                assertHistogramGrew(before, after, methodAndRoute.get(0), methodAndRoute.get(1), count));

        long requestBodies = config.length + layer1.length + layer2.length + manifest.length;
        long responseBodies = answers.stream().mapToLong(a -> a.body().length).sum();
        assertThat(after.delta(before, BYTES_RECEIVED)).as("request body bytes").isGreaterThanOrEqualTo(requestBodies);
        assertThat(after.delta(before, BYTES_SENT)).as("response body bytes").isGreaterThanOrEqualTo(responseBodies);
    }

    @Test
    void openUploadSessionsGaugeFollowsASessionFromPostToDelete() throws Exception {
        assertThat(sessionsOpen()).isZero();
        Answer opened = expect(202, http.send(http.request("/v2/observe/sessions/blobs/uploads/")
                .POST(BodyPublishers.noBody())));
        assertThat(sessionsOpen()).isEqualTo(1);
        expect(204, http.send(http.request(opened.header("Location")).DELETE()));
        assertThat(sessionsOpen()).isZero();
    }

    @Test
    void theStartupLineNamesVersionAddressDataDirectoryAndBackends() throws Exception {
        RegistryLog log = RegistryLog.of(registry.output());
        assertThat(log.startupLines()).as("start-up lines in\n%s", log).hasSize(1);
        Path data = registry.data().toAbsolutePath().normalize();
        assertThat(log.startupLines().getFirst()).contains(
                " INFO ",
                "Stowage " + JarVersion.of(RegistryProcess.jar()) + " ",
                "http://127.0.0.1:" + registry.port() + " ",
                "data=" + data + " ",
                "storage=filesystem:" + data.resolve("blobs"),
                "metadata=sqlite:" + data.resolve("metadata.db"));
    }

    @Test
    void eachRequestGetsOneAccessLogLineWithItsRequestId() throws Exception {
        byte[] blob = SeededBytes.bytes(21, 4_321);
        Answer answer = expect(201, http.send(http.request("/v2/observe/access/blobs/uploads/?digest="
                + Sha256.digestOf(blob)).POST(BodyPublishers.ofByteArray(blob))));

        assertThat(answer.logLines()).as("lines naming request %s", answer.requestId()).hasSize(1);
        String line = answer.logLines().getFirst();
        assertThat(RegistryLog.of(registry.output()).accessLines()).as("an access-log line").contains(line);
        assertThat(line).contains(
                " method=POST ",
                " path=\"/v2/observe/access/blobs/uploads/\" ",
                " status=201 ",
                " bytes_in=" + blob.length + " ",
                " bytes_out=0 ",
                " client=127.0.0.1 ",
                " user_agent=\"" + AccountedHttp.USER_AGENT + "\"");
        assertThat(line).containsPattern(" duration_ms=\\d+\\.\\d{3} ");
        assertThat(line).containsPattern(" request_id=" + answer.requestId() + "( |$)");
    }

    @Test
    void everyResponseCarriesARequestIdAndTheApiVersion() throws Exception {
        String repository = "observe/headers";
        byte[] blob = SeededBytes.bytes(31, 1_234);
        List<Answer> answers = new ArrayList<>();
        answers.add(expect(200, http.get("/v2/")));
        answers.add(expect(200, http.send(http.request("/v2/").HEAD())));
        answers.add(expect(404, http.get("/v2/" + repository + "/manifests/missing")));
        answers.add(expect(405, http.send(http.request("/v2/").POST(BodyPublishers.noBody()))));
        answers.add(expect(400, http.get("/v2/" + repository + "/blobs/sha256:not-hex")));
        answers.add(expect(201, http.send(http.request("/v2/" + repository + "/blobs/uploads/?digest="
                + Sha256.digestOf(blob)).POST(BodyPublishers.ofByteArray(blob)))));
        Answer session = expect(202, http.send(http.request("/v2/" + repository + "/blobs/uploads/")
                .POST(BodyPublishers.noBody())));
        answers.add(session);
        answers.add(expect(204, http.send(http.request(session.header("Location")).DELETE())));

        Set<String> ids = new HashSet<>();
        for (Answer answer : answers) {
            String what = answer.response().request().method() + " " + answer.response().request().uri() + " -> "
                    + answer.status();
            assertThat(answer.requestId()).as(what).matches(REQUEST_ID);
            assertThat(answer.header("Docker-Distribution-API-Version")).as(what).isEqualTo("registry/2.0");
            assertThat(answer.logLines()).as(what).singleElement().asString()
                    .contains(" status=" + answer.status() + " ");
            ids.add(answer.requestId());
        }
        assertThat(ids).as("request ids are unique").hasSameSizeAs(answers);
    }

    @Test
    void requestsJettyRefusesBeforeRoutingAreLoggedAndCountedToo() throws Exception {
        MetricsScrape before = scrape();
        // An encoded slash is ambiguous: Jetty refuses it before the registry's handler ever runs.
        Answer refused = expect(400, http.get("/v2/observe/a%2Fb/tags/list"));

        assertThat(refused.requestId()).matches(REQUEST_ID);
        assertThat(refused.header("Content-Type")).startsWith("application/json");
        assertThat(refused.logLines()).singleElement().asString().contains(" status=400 ", " method=GET ");
        assertThat(scrape().delta(before, requests("GET", "invalid", 400))).isEqualTo(1);
    }

    @Test
    void queryStringsStayOutOfTheAccessLog() throws Exception {
        String secret = "s3cr3t-" + System.nanoTime();
        Answer base = expect(200, http.get("/v2/?token=" + secret));
        Answer missing = expect(404, http.get("/v2/observe/query/manifests/missing?access_token=" + secret + "&n=1"));

        assertThat(base.logLines()).singleElement().asString().contains(" path=\"/v2/\" ");
        assertThat(missing.logLines()).singleElement().asString()
                .contains(" path=\"/v2/observe/query/manifests/missing\" ");
        assertThat(registry.output()).doesNotContain(secret).doesNotContain("token=");
    }

    private static MetricsScrape scrape() throws Exception {
        return MetricsScrape.parse(text(expect(200, http.get("/metrics"))));
    }

    private static String requests(String method, String route, int status) {
        return series(REQUESTS, "method", method, "route", route, "status", Integer.toString(status));
    }

    /** The histogram of (method, route) got {@code count} more observations, in cumulative buckets ending at +Inf. */
    private static void assertHistogramGrew(MetricsScrape before, MetricsScrape after, String method, String route,
                                            int count) {
        String labels = "method=\"" + method + "\",route=\"" + route + "\"";
        String buckets = DURATION + "_bucket{" + labels + ",le=";
        List<String> bucketSeries = after.seriesStartingWith(buckets);
        assertThat(bucketSeries).as("buckets of %s %s", method, route).hasSizeGreaterThan(1)
                .last().isEqualTo(buckets + "\"+Inf\"}");
        assertThat(after.valuesStartingWith(buckets)).as("cumulative buckets of %s %s", method, route).isSorted();
        String description = method + " " + route + "; scrape:\n" + after;
        assertThat(after.delta(before, buckets + "\"+Inf\"}")).as(description).isEqualTo(count);
        assertThat(after.delta(before, DURATION + "_count{" + labels + "}")).as(description).isEqualTo(count);
        assertThat(after.delta(before, DURATION + "_sum{" + labels + "}")).as(description).isPositive();
    }

    private static double sessionsOpen() throws Exception {
        return MetricsScrape.parse(text(expect(200, http.get("/metrics")))).value(SESSIONS_OPEN);
    }

    private static Answer expect(int status, Answer answer) {
        OciHttp.expect(answer.response(), status);
        return answer;
    }

    private static String text(Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}
