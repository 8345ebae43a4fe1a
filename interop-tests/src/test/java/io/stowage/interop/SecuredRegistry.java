package io.stowage.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A single registry process with access control as a production one has it: anonymous callers get {@code none}, the
 * first start creates {@code admin} from {@code STOWAGE_ADMIN_PASSWORD}, and further accounts are seeded into its
 * store between that start and a restart. What the registry holds is then read over HTTP as {@code admin}, so that a
 * test sees whether a refused client left anything behind independently of that client.
 */
final class SecuredRegistry implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-pw-" + RandomFiles.token();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT = String.join(", ", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final RegistryProcess process;

    private SecuredRegistry(RegistryProcess process) {
        this.process = process;
    }

    /**
     * Starts the registry under {@code dir} with {@code auth.anonymous=anonymous}, seeds it with {@code seed}, and
     * restarts it. The tests seed the single node's SQLite store, so they do not run against a cluster.
     */
    static SecuredRegistry start(Path dir, String anonymous, Consumer<AccessSeed> seed) throws Exception {
        Assumptions.assumeTrue("single".equals(System.getProperty(RegistryUnderTest.TOPOLOGY, "single")),
                "seeds accounts into a single node's SQLite store");
        Path data = dir.resolve("data");
        RegistryProcess process = RegistryProcess.start(data, Map.of(
                "STOWAGE_AUTH_ANONYMOUS", anonymous,
                "STOWAGE_ADMIN_PASSWORD", ADMIN_PASSWORD));
        try {
            process.stop();
            try (AccessSeed store = AccessSeed.open(data)) {
                seed.accept(store);
            }
            process.restart();
            return new SecuredRegistry(process);
        } catch (Exception | Error e) {
            process.kill();
            throw e;
        }
    }

    RegistryProcess process() {
        return process;
    }

    String hostPort() {
        return process.hostPort();
    }

    /** The repository's tags as {@code admin} sees them; empty when the registry does not know the repository. */
    List<String> tags(String repository) throws Exception {
        HttpResponse<String> response = get("/v2/" + repository + "/tags/list", ADMIN, ADMIN_PASSWORD);
        if (response.statusCode() == 404) {
            assertErrorCode(response, "NAME_UNKNOWN");
            return List.of();
        }
        requireStatus(response, 200);
        List<String> tags = new ArrayList<>();
        JSON.readTree(response.body()).path("tags").forEach(tag -> tags.add(tag.asText()));
        return tags;
    }

    /** Every repository {@code admin} sees in the catalog (administrators see all of them). */
    List<String> catalog() throws Exception {
        HttpResponse<String> response = get("/v2/_catalog?n=1000", ADMIN, ADMIN_PASSWORD);
        requireStatus(response, 200);
        List<String> repositories = new ArrayList<>();
        JSON.readTree(response.body()).path("repositories").forEach(r -> repositories.add(r.asText()));
        return repositories;
    }

    /** Whether {@code admin} can read the manifest (by tag or digest) in the repository. */
    boolean hasManifest(String repository, String reference) throws Exception {
        return exists("/v2/" + repository + "/manifests/" + reference, "MANIFEST_UNKNOWN", "NAME_UNKNOWN");
    }

    /** Whether {@code admin} can read the blob in the repository (linked to it, not merely stored somewhere). */
    boolean hasBlob(String repository, String digest) throws Exception {
        return exists("/v2/" + repository + "/blobs/" + digest, "BLOB_UNKNOWN", "NAME_UNKNOWN");
    }

    /** The digest the registry serves for {@code repository:tag}, read as {@code admin}. */
    String manifestDigest(String repository, String tag) throws Exception {
        HttpResponse<String> response = get("/v2/" + repository + "/manifests/" + tag, ADMIN, ADMIN_PASSWORD);
        requireStatus(response, 200);
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    /** A GET with HTTP Basic credentials straight on the API ({@code username} null: none). */
    HttpResponse<String> get(String pathAndQuery, String username, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(process.uri(pathAndQuery)).header("Accept", ACCEPT)
                .timeout(Duration.ofMinutes(1)).GET();
        if (username != null) {
            request.header("Authorization", basic(username, password));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private boolean exists(String path, String... unknownCodes) throws Exception {
        HttpResponse<String> response = get(path, ADMIN, ADMIN_PASSWORD);
        if (response.statusCode() == 404) {
            assertErrorCode(response, unknownCodes);
            return false;
        }
        requireStatus(response, 200);
        return true;
    }

    private static void assertErrorCode(HttpResponse<String> response, String... expected) throws Exception {
        JsonNode errors = JSON.readTree(response.body()).path("errors");
        String code = errors.path(0).path("code").asText();
        if (!List.of(expected).contains(code)) {
            throw new AssertionError(response.request().uri() + ": expected one of " + List.of(expected)
                    + ", got " + response.statusCode() + " " + response.body());
        }
    }

    private static void requireStatus(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().uri() + ": expected " + status + ", got "
                    + response.statusCode() + " " + response.body());
        }
    }

    @Override
    public void close() throws Exception {
        process.stop();
    }
}
