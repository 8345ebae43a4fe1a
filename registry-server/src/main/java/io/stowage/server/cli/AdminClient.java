package io.stowage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * The administration API of a running registry, as the command line calls it: HTTP Basic on every request (no
 * session), JSON in and out. A refusal becomes an {@link ApiException} with the registry's own message.
 */
final class AdminClient {

    static final String API = "/api/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI registry;
    private final String authorization;
    private final HttpClient http;

    AdminClient(URI registry, String username, char[] password) {
        this.registry = registry;
        String credentials = username + ":" + new String(password);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                credentials.getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body == null ? JSON.createObjectNode() : body);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    JsonNode patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    /** Every item of a paged listing: follows {@code next} (passed back as {@code last}) to the end. */
    ArrayNode getAll(String path, String field) {
        ArrayNode all = JSON.createArrayNode();
        String last = null;
        while (true) {
            String page = path + (path.contains("?") ? "&" : "?") + "n=1000"
                    + (last == null ? "" : "&last=" + Paths.query(last));
            JsonNode body = get(page);
            body.path(field).forEach(all::add);
            if (!body.hasNonNull("next")) {
                return all;
            }
            last = body.get("next").asText();
        }
    }

    /** A JSON Lines response, one parsed line at a time. */
    void lines(String path, Consumer<JsonNode> sink) {
        HttpResponse<InputStream> response = exchange(request("GET", path, null), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 300) {
                throw failure(response.statusCode(), body.readAllBytes());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    sink.accept(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new ApiException(0, "reading the answer of " + registry + " failed: " + e.getMessage());
        }
    }

    /** A JSON Lines response, copied as it comes. */
    void copyLines(String path, java.io.OutputStream out) {
        HttpResponse<InputStream> response = exchange(request("GET", path, null), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 300) {
                throw failure(response.statusCode(), body.readAllBytes());
            }
            body.transferTo(out);
            out.flush();
        } catch (IOException e) {
            throw new ApiException(0, "reading the answer of " + registry + " failed: " + e.getMessage());
        }
    }

    private JsonNode send(String method, String path, Object body) {
        HttpResponse<byte[]> response = exchange(request(method, path, body), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw failure(response.statusCode(), response.body());
        }
        if (response.body().length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ApiException(response.statusCode(), "the registry answered something that is not JSON");
        }
    }

    private HttpRequest request(String method, String path, Object body) {
        String base = registry.toString().endsWith("/") ? registry.toString().substring(0,
                registry.toString().length() - 1) : registry.toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + API + path))
                .timeout(Duration.ofMinutes(30))
                .header("Authorization", authorization)
                .header("User-Agent", "stowage-cli")
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return request.build();
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new ApiException(0, "cannot reach the registry at " + registry + " (is it running? see --registry)");
        } catch (IOException e) {
            throw new ApiException(0, "talking to the registry at " + registry + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted");
        }
    }

    /** The registry's error body ({@code {"errors":[{"code","message","detail"}]}}) as one line for people. */
    private static ApiException failure(int status, byte[] body) {
        String message = "HTTP " + status;
        try {
            JsonNode error = JSON.readTree(body).path("errors").path(0);
            if (error.hasNonNull("message")) {
                message = error.get("message").asText();
                if (error.hasNonNull("detail") && !error.get("detail").asText().isEmpty()) {
                    message += " (" + error.get("detail").asText() + ")";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not the registry's error body: the status says enough
        }
        return new ApiException(status, message);
    }
}
