package io.stowage.http.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.http.TestRegistry;
import io.stowage.metadata.AuditEvent;
import io.stowage.metadata.AuditQuery;
import io.stowage.metadata.Grant;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.metadata.PrincipalKind;
import io.stowage.metadata.RepositoryRule;
import io.stowage.metadata.RobotRecord;
import io.stowage.metadata.Role;
import io.stowage.metadata.UserRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.security.password.Passwords;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts, grants and tokens for the access-control spec tests, set up directly in the registry's metadata store
 * (there is no administration API to go through), and the checks that a refused request wrote nothing.
 */
final class AuthFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRegistry registry;
    private final RegistryClient client;

    AuthFixture(TestRegistry registry, RegistryClient client) {
        this.registry = registry;
        this.client = client;
    }

    MetadataStore metadata() {
        return registry.metadata();
    }

    void user(String name, String password) {
        user(name, password, false);
    }

    void user(String name, String password, boolean administrator) {
        Instant now = Instant.now();
        assertThat(metadata().users().create(new UserRecord(name, Passwords.hash(password.toCharArray()).encoded(),
                administrator, false, now, now))).isTrue();
    }

    void robot(String name, String secret, String... scopes) {
        assertThat(metadata().robots().create(new RobotRecord(name, Passwords.hash(secret.toCharArray()).encoded(),
                List.of(scopes), null, null, "admin", Instant.now()))).isTrue();
    }

    void namespace(String name, boolean publicPull) {
        assertThat(metadata().namespaces().create(new NamespaceRecord(name, publicPull, Instant.now()))).isTrue();
    }

    void grant(String namespace, String user, Role role) {
        assertThat(metadata().namespaces().grant(new Grant(namespace, PrincipalKind.USER, user, role))).isTrue();
    }

    void deny(String namespace, String glob, String user) {
        assertThat(metadata().namespaces().addRule(new RepositoryRule(namespace, glob, PrincipalKind.USER, user,
                null))).isPresent();
    }

    static String[] basic(String username, String password) {
        return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8))};
    }

    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** GET /token with Basic credentials for {@code scopes}, as docker login does; asserts a 200. */
    String token(String username, String password, String... scopes) {
        Response response = client.get(tokenPath(scopes), basic(username, password));
        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        return response.json().get("token").asText();
    }

    /** An anonymous token for {@code scopes}. */
    String anonymousToken(String... scopes) {
        Response response = client.get(tokenPath(scopes));
        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        return response.json().get("token").asText();
    }

    /** POST /token with a form, as docker and containerd send the OAuth2 grants. */
    Response postToken(java.util.Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        return client.post("/token", body.getBytes(StandardCharsets.UTF_8), "Content-Type",
                "application/x-www-form-urlencoded");
    }

    static String tokenPath(String... scopes) {
        StringBuilder path = new StringBuilder("/token?service=").append(TestRegistry.SERVICE);
        for (String scope : scopes) {
            path.append("&scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        return path.toString();
    }

    /** The payload of a JWT, read without the code under test. */
    static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header of a JWT. */
    static JsonNode header(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The access claim as {@code type:name:actions} strings, actions in the order given. */
    static List<String> access(String token) {
        JsonNode access = claims(token).get("access");
        return java.util.stream.StreamSupport.stream(access.spliterator(), false)
                .map(a -> a.get("type").asText() + ":" + a.get("name").asText() + ":"
                        + String.join(",", java.util.stream.StreamSupport.stream(a.get("actions").spliterator(), false)
                        .map(JsonNode::asText).toList()))
                .toList();
    }

    /** Pushes a config and a layer, then an image manifest under {@code tag}; returns the manifest's digest. */
    String pushImage(String repository, String tag, String... headers) {
        byte[] config = ("{\"for\":\"" + repository + ":" + tag + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + repository + ":" + tag).getBytes(StandardCharsets.UTF_8);
        client.pushBlob(repository, config, headers);
        client.pushBlob(repository, layer, headers);
        return client.pushManifest(repository, tag, Manifests.OCI_MANIFEST, manifest(repository, tag), headers);
    }

    static byte[] manifest(String repository, String tag) {
        byte[] config = ("{\"for\":\"" + repository + ":" + tag + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + repository + ":" + tag).getBytes(StandardCharsets.UTF_8);
        return Manifests.bytes(Manifests.image(Manifests.OCI_MANIFEST,
                Manifests.descriptor(Manifests.OCI_CONFIG, config), Manifests.descriptor(Manifests.OCI_LAYER, layer)));
    }

    long uploadSessions() {
        return metadata().uploads().count();
    }

    /** Nothing at all was written for {@code repository}: no repository, no tag, no manifest, no blob link. */
    void assertNothingWritten(String repository, String... digests) {
        RepositoryName name = RepositoryName.parse(repository);
        assertThat(metadata().repositories().exists(name)).as("repository %s exists", repository).isFalse();
        assertThat(metadata().manifests().tags(name, null, 10)).as("tags of %s", repository).isEmpty();
        for (String digest : digests) {
            Digest parsed = Digest.parse(digest);
            assertThat(metadata().blobs().findLinked(name, parsed)).as("%s linked in %s", digest, repository)
                    .isEmpty();
            assertThat(metadata().manifests().find(name, parsed)).as("manifest %s in %s", digest, repository)
                    .isEmpty();
        }
    }

    List<AuditEvent> audit(String action) {
        return registry.access().audit().query(AuditQuery.ALL.withAction(action), null, 1000);
    }

    /**
     * The events of {@code action} on {@code repository} once there are at least {@code expected} of them (waiting up
     * to 5 s), and after a short pause so that one too many would show too. A request's event is written after its
     * response went out, so a client can see the response before the event.
     */
    List<AuditEvent> awaitAudit(String action, String repository, int expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        try {
            while (audit(action, repository).size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return audit(action, repository);
    }

    List<AuditEvent> audit(String action, String repository) {
        return registry.access().audit().query(AuditQuery.ALL.withAction(action).withRepository(repository), null,
                1000);
    }
}
