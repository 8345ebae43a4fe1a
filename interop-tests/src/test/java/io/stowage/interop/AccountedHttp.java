package io.stowage.interop;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP client whose every call returns only once the registry has written the request's access-log line.
 *
 * <p>The registry records a request's metrics and then writes its access-log line, both after the response has gone
 * out; a client can read the response before either happens. Waiting for the line makes the accounting of every
 * request sent so far complete, so that a scrape of {@code /metrics} taken next counts all of them, exactly.
 * Requires the access log to be on (the default).
 */
final class AccountedHttp implements AutoCloseable {

    static final String USER_AGENT = "stowage-interop-tests";
    /** A safety net only: the line normally follows the response within milliseconds. */
    private static final long LOG_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final RegistryProcess registry;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** A response with the request id it carried and the registry's log lines naming that id. */
    record Answer(HttpResponse<byte[]> response, String requestId, List<String> logLines) {

        int status() {
            return response.statusCode();
        }

        byte[] body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    AccountedHttp(RegistryProcess registry) {
        this.registry = registry;
    }

    /** A request to {@code pathAndQuery} on the registry, with a known User-Agent and a safety-net timeout. */
    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(registry.uri(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("User-Agent", USER_AGENT);
    }

    Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow(() -> new AssertionError(
                response.request().method() + " " + response.request().uri() + " -> " + response.statusCode()
                        + " without X-Request-Id; headers " + response.headers().map()));
        return new Answer(response, requestId, awaitLogged(requestId));
    }

    Answer get(String pathAndQuery) throws Exception {
        return send(request(pathAndQuery).GET());
    }

    private List<String> awaitLogged(String requestId) throws Exception {
        long deadline = System.nanoTime() + LOG_WAIT_NANOS;
        while (true) {
            List<String> lines = RegistryLog.of(registry.output()).linesOfRequest(requestId);
            if (!lines.isEmpty()) {
                return lines;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no access-log line for request " + requestId + ":\n" + registry.output());
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
