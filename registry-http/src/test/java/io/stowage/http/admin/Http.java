package io.stowage.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.http.TestRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A raw HTTP client for the administration API tests, as one caller: anonymous, HTTP Basic or a bearer token. A body
 * given as a string is sent as {@code application/json} unless the headers say otherwise.
 */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final TestRegistry registry;
    private final String authorization;
    private final boolean reuseConnections;

    private Http(TestRegistry registry, String authorization) {
        this(registry, authorization, true);
    }

    private Http(TestRegistry registry, String authorization, boolean reuseConnections) {
        this.registry = registry;
        this.authorization = authorization;
        this.reuseConnections = reuseConnections;
    }

    /**
     * The same caller on a new connection per request. For arbitrary input: Jetty refuses some malformed requests
     * (a {@code %00} in the path) before the registry sees them and may then close the connection, which a pooling
     * client can meet as a broken next request.
     */
    Http withoutConnectionReuse() {
        return new Http(registry, authorization, false);
    }

    static Http anonymous(TestRegistry registry) {
        return new Http(registry, null);
    }

    static Http basic(TestRegistry registry, String username, String password) {
        return new Http(registry, "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    static Http bearer(TestRegistry registry, String token) {
        return new Http(registry, "Bearer " + token);
    }

    /** A response: status, headers and body. */
    record Reply(int status, java.net.http.HttpHeaders headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The OCI error code of an error body. */
        String errorCode() {
            return json().path("errors").path(0).path("code").asText();
        }

        String describe() {
            return status + " " + headers.map() + " " + (body.length > 2000 ? text().substring(0, 2000) : text());
        }
    }

    Reply get(String path) {
        return send("GET", path, (byte[]) null);
    }

    Reply delete(String path) {
        return send("DELETE", path, (byte[]) null);
    }

    Reply post(String path, String json) {
        return send("POST", path, json);
    }

    Reply put(String path, String json) {
        return send("PUT", path, json);
    }

    Reply patch(String path, String json) {
        return send("PATCH", path, json);
    }

    Reply send(String method, String path, String json, String... headers) {
        return send(method, path, json == null ? null : json.getBytes(StandardCharsets.UTF_8), withJson(headers));
    }

    private static String[] withJson(String[] headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Content-Type")) {
                return headers;
            }
        }
        List<String> all = new ArrayList<>(List.of(headers));
        all.add("Content-Type");
        all.add("application/json");
        return all.toArray(String[]::new);
    }

    Reply send(String method, String path, byte[] body, String... headers) {
        return exchange(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /** With the body streamed: chunked transfer encoding, no Content-Length. */
    Reply sendStreamed(String method, String path, byte[] body, String... headers) {
        return exchange(method, path, HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(body)), headers);
    }

    private Reply exchange(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(registry.uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            if (!reuseConnections) {
                try (HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build()) {
                    HttpResponse<byte[]> response = fresh.send(request.build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    return new Reply(response.statusCode(), response.headers(), response.body());
                }
            }
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
