package io.stowage.interop.oras;

import io.stowage.interop.RegistryProcess;
import io.stowage.interop.RegistryUnderTest;
import io.stowage.metadata.Grant;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.metadata.PrincipalKind;
import io.stowage.metadata.RobotRecord;
import io.stowage.metadata.Role;
import io.stowage.metadata.UserRecord;
import io.stowage.metadata.sqlite.SqliteMetadataStore;
import io.stowage.security.password.Passwords;
import land.oras.ContainerRef;
import land.oras.LocalPath;
import land.oras.Registry;
import land.oras.exception.OrasException;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The ORAS SDK with credentials, a user's password and a robot's secret, against a registry that lets anonymous
 * callers do nothing: artifacts pushed and pulled back byte for byte; pushes without credentials or outside a robot's
 * scope refused, leaving nothing behind. Accounts are seeded into the single node's SQLite store between its first
 * start (which creates {@code admin}) and a restart, so this class does not run against a cluster.
 */
class AuthenticatedOrasIT {

    private static final String ADMIN_PASSWORD = "admin-pw-" + System.nanoTime();
    private static final String DEVELOPER = "dev";
    private static final String DEVELOPER_PASSWORD = "dev-pw-" + System.nanoTime();
    private static final String ROBOT = "robot$ci";
    private static final String ROBOT_SECRET = "ci-secret-" + System.nanoTime();
    private static final String TEAM = "oras-team";
    private static final String CI = "oras-ci";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path dir;
    private static RegistryProcess registry;

    @BeforeAll
    static void startRegistry() throws Exception {
        Assumptions.assumeTrue("single".equals(System.getProperty(RegistryUnderTest.TOPOLOGY, "single")),
                "seeds accounts into a single node's SQLite store");
        Path data = dir.resolve("data");
        registry = RegistryProcess.start(data, Map.of("STOWAGE_AUTH_ANONYMOUS", "none",
                "STOWAGE_ADMIN_PASSWORD", ADMIN_PASSWORD));
        registry.stop();
        Instant now = Instant.now();
        try (SqliteMetadataStore store = SqliteMetadataStore.open(data.resolve("metadata.db"))) {
            assertThat(store.users().create(new UserRecord(DEVELOPER, hash(DEVELOPER_PASSWORD), false, false,
                    now, now))).isTrue();
            assertThat(store.namespaces().create(new NamespaceRecord(TEAM, false, now))).isTrue();
            assertThat(store.namespaces().grant(new Grant(TEAM, PrincipalKind.USER, DEVELOPER, Role.DEVELOPER)))
                    .isTrue();
            assertThat(store.robots().create(new RobotRecord("ci", hash(ROBOT_SECRET),
                    List.of("repository:" + CI + "/**:pull,push"), null, null, "admin", now))).isTrue();
        }
        registry.restart();
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.stop();
        }
    }

    @Test
    void userPushesAnArtifactAndPullsItBack() throws Exception {
        pushAndPullBack(client(DEVELOPER, DEVELOPER_PASSWORD), TEAM + "/files", "user");
    }

    @Test
    void robotPushesAnArtifactAndPullsItBack() throws Exception {
        pushAndPullBack(client(ROBOT, ROBOT_SECRET), CI + "/files", "robot");
    }

    @Test
    void anonymousClientCanNeitherPushNorPull() throws Exception {
        Registry developer = client(DEVELOPER, DEVELOPER_PASSWORD);
        Path readable = BinaryFiles.random(dir.resolve("anonymous/readable.bin"), 5_000, 21);
        developer.pushArtifact(ref(TEAM + "/readable:v1"), LocalPath.of(readable));

        Registry anonymous = Registry.builder().insecure().build();
        Path file = BinaryFiles.random(dir.resolve("anonymous/refused.bin"), 10_000, 22);
        assertRefused(() -> anonymous.pushArtifact(ref(TEAM + "/anonymous:v1"), LocalPath.of(file)));
        assertNothingWritten(TEAM + "/anonymous", file);
        assertRefused(() -> anonymous.getManifest(ref(TEAM + "/readable:v1")));
        assertRefused(() -> anonymous.pullArtifact(ref(TEAM + "/readable:v1"),
                Files.createDirectories(dir.resolve("anonymous/out")), true));
    }

    @Test
    void robotIsRefusedOutsideItsScopeAndWritesNothing() throws Exception {
        Registry developer = client(DEVELOPER, DEVELOPER_PASSWORD);
        Path teamFile = BinaryFiles.random(dir.resolve("scope/team.bin"), 5_000, 31);
        developer.pushArtifact(ref(TEAM + "/private:v1"), LocalPath.of(teamFile));

        Registry robot = client(ROBOT, ROBOT_SECRET);
        Path file = BinaryFiles.random(dir.resolve("scope/refused.bin"), 10_000, 32);
        assertRefused(() -> robot.pushArtifact(ref(TEAM + "/robot:v1"), LocalPath.of(file)));
        assertNothingWritten(TEAM + "/robot", file);
        assertRefused(() -> robot.pullArtifact(ref(TEAM + "/private:v1"),
                Files.createDirectories(dir.resolve("scope/out")), true));
        assertThat(tagsAsAdmin(TEAM + "/private")).as("the developer's artifact is untouched").contains("\"v1\"");
    }

    private static void pushAndPullBack(Registry client, String repository, String name) throws Exception {
        Path big = BinaryFiles.random(dir.resolve(name + "/in/big.bin"), 3L * BinaryFiles.MIB + 17, 11);
        Path small = BinaryFiles.random(dir.resolve(name + "/in/small.bin"), 999, 12);
        ContainerRef ref = ref(repository + ":v1");
        client.pushArtifact(ref, LocalPath.of(big), LocalPath.of(small));

        assertThat(client.getTags(ref(repository)).tags()).containsExactly("v1");
        Path out = Files.createDirectories(dir.resolve(name + "/out"));
        client.pullArtifact(ref, out, true);
        assertThat(BinaryFiles.digest(out.resolve("big.bin"))).isEqualTo(BinaryFiles.digest(big));
        assertThat(BinaryFiles.digest(out.resolve("small.bin"))).isEqualTo(BinaryFiles.digest(small));
    }

    /** The SDK reports the registry's 401 or 403 as an {@link OrasException} carrying that status. */
    private static void assertRefused(ThrowableAssert.ThrowingCallable call) {
        OrasException refused = catchThrowableOfType(OrasException.class, call);
        assertThat(refused).as("the call must be refused").isNotNull();
        assertThat(refused.getStatusCode()).as(refused::toString).isIn(401, 403);
    }

    /** Neither the repository (no tag) nor the file's blob exists, as {@code admin} sees them. */
    private static void assertNothingWritten(String repository, Path file) throws Exception {
        HttpResponse<String> tags = getAsAdmin("/v2/" + repository + "/tags/list");
        assertThat(tags.statusCode()).as(tags::body).isEqualTo(404);
        assertThat(tags.body()).contains("NAME_UNKNOWN");
        HttpResponse<String> blob = getAsAdmin("/v2/" + repository + "/blobs/" + BinaryFiles.digest(file));
        assertThat(blob.statusCode()).as(blob::body).isEqualTo(404);
        HttpResponse<String> catalog = getAsAdmin("/v2/_catalog");
        assertThat(catalog.statusCode()).isEqualTo(200);
        assertThat(catalog.body()).doesNotContain("\"" + repository + "\"");
    }

    private static String tagsAsAdmin(String repository) throws Exception {
        HttpResponse<String> tags = getAsAdmin("/v2/" + repository + "/tags/list");
        assertThat(tags.statusCode()).as(tags::body).isEqualTo(200);
        return tags.body();
    }

    private static HttpResponse<String> getAsAdmin(String path) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(registry.uri(path)).header("Authorization", "Basic " + basic)
                .timeout(Duration.ofMinutes(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Registry client(String username, String password) {
        return Registry.builder().insecure().defaults(username, password).build();
    }

    private static ContainerRef ref(String repositoryAndTag) {
        return ContainerRef.parse(registry.hostPort() + "/" + repositoryAndTag);
    }

    private static String hash(String password) {
        return Passwords.hash(password.toCharArray()).encoded();
    }
}
