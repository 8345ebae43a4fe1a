package io.stowage.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administration commands as operators run them: {@code java -jar stowage.jar user|robot|namespace|grant|gc|...}
 * against the real jar serving on a loopback port, with the administrator's password from the environment
 * ({@code STOWAGE_ADMIN_PASSWORD} for the server's first start, {@code STOWAGE_PASSWORD} for the commands) or
 * standard input. Effects are checked over HTTP as clients see them. The registry runs with anonymous access off and
 * no GC grace period, so that grants matter and unreferenced blobs are collectable at once.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AdminCommandLineIT {

    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final Duration READY = Duration.ofSeconds(60);
    private static final String ADMIN_PASSWORD = "it-admin-password-1";
    private static final Pattern PASSWORD = Pattern.compile("(?m)^password: (\\S+)$");
    private static final Pattern SECRET = Pattern.compile("(?m)^secret: (\\S+)$");

    @TempDir
    Path tmp;
    private StowageJarProcess registry;
    private int port;
    private Map<String, String> cliEnvironment;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void startRegistry() throws Exception {
        port = LoopbackPorts.free();
        registry = StowageJarProcess.start(tmp, Map.of("STOWAGE_ADMIN_PASSWORD", ADMIN_PASSWORD,
                        "STOWAGE_GC_GRACE_PERIOD", "0s"), "serve", "--listen", "127.0.0.1:" + port,
                "--data", tmp.resolve("data").toString(), "--anonymous", "none");
        registry.awaitReady(port, READY);
        cliEnvironment = Map.of("STOWAGE_REGISTRY", "http://127.0.0.1:" + port, "STOWAGE_PASSWORD", ADMIN_PASSWORD);
    }

    @AfterEach
    void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void usersRobotsNamespacesGrantsAndGcThroughTheJar() throws Exception {
        // A user with a generated password, shown once, that logs in.
        StowageJarProcess created = cli("user", "create", "alice");
        assertSucceeded(created);
        assertThat(created.stdout()).contains("created user alice");
        String alicePassword = match(PASSWORD, created);
        assertThat(status("GET", "/v2/", basic("alice", alicePassword), null)).isEqualTo(200);
        StowageJarProcess users = cli("user", "list");
        assertSucceeded(users);
        assertThat(users.stdout()).contains("USERNAME", "admin", "alice").doesNotContain(alicePassword);

        // A robot limited to team-a: its secret gets tokens and pushes there, nowhere else.
        StowageJarProcess robot = cli("robot", "create", "ci", "--scope", "repository:team-a/**:pull,push",
                "--expires", "30d");
        assertSucceeded(robot);
        assertThat(robot.stdout()).contains("created robot ci", "robot$ci", "until ");
        String secret = match(SECRET, robot);
        String robotAuth = basic("robot$ci", secret);
        assertThat(status("GET", "/token?scope=repository:team-a/app:pull,push", robotAuth, null))
                .isEqualTo(200);
        byte[] robotBlob = "pushed by the robot".getBytes(StandardCharsets.UTF_8);
        String robotDigest = Sha256.digestOf(robotBlob);
        assertThat(status("POST", "/v2/team-a/app/blobs/uploads/?digest=" + robotDigest, robotAuth, robotBlob))
                .isEqualTo(201);
        assertThat(status("POST", "/v2/team-b/app/blobs/uploads/?digest=" + robotDigest, robotAuth, robotBlob))
                .isEqualTo(403);
        StowageJarProcess robots = cli("robot", "list");
        assertSucceeded(robots);
        assertThat(robots.stdout()).contains("ci", "active", "repository:team-a/**:pull,push")
                .doesNotContain(secret);

        // A namespace and a grant: alice may push to team-a only once she holds a role there.
        byte[] aliceBlob = "pushed by alice".getBytes(StandardCharsets.UTF_8);
        String aliceDigest = Sha256.digestOf(aliceBlob);
        String alice = basic("alice", alicePassword);
        String aliceUpload = "/v2/team-a/web/blobs/uploads/?digest=" + aliceDigest;
        assertThat(status("POST", aliceUpload, alice, aliceBlob)).isEqualTo(403);
        assertSucceeded(cli("namespace", "create", "team-a"));
        StowageJarProcess granted = cli("grant", "add", "team-a", "user", "alice", "developer");
        assertSucceeded(granted);
        assertThat(granted.stdout()).contains("granted developer in team-a to user alice");
        assertThat(status("POST", aliceUpload, alice, aliceBlob)).isEqualTo(201);
        StowageJarProcess grants = cli("grant", "list", "team-a");
        assertSucceeded(grants);
        assertThat(grants.stdout()).containsPattern("user\\s+alice\\s+developer");

        // Both blobs are referenced by no manifest: a dry run counts them and deletes nothing; the real run agrees.
        StowageJarProcess dry = cli("gc", "--dry-run");
        assertSucceeded(dry);
        assertThat(dry.stdout()).contains("dry run: would prune 2 unreferenced links and delete 2 blobs");
        assertThat(status("GET", "/v2/team-a/app/blobs/" + robotDigest, robotAuth, null)).isEqualTo(200);
        StowageJarProcess gc = cli("gc", "--json");
        assertSucceeded(gc);
        JsonNode report = new ObjectMapper().readTree(gc.stdout());
        assertThat(report.get("dryRun").asBoolean()).isFalse();
        assertThat(report.get("blobsDeleted").asLong()).isEqualTo(2);
        assertThat(report.get("linksPruned").asLong()).isEqualTo(2);
        assertThat(status("GET", "/v2/team-a/app/blobs/" + robotDigest, robotAuth, null)).isEqualTo(404);

        // Every change is in the audit log, by whom and on what.
        StowageJarProcess audit = cli("audit", "--identity", "admin", "--jsonl");
        assertSucceeded(audit);
        List<JsonNode> events = audit.stdout().lines().map(AdminCommandLineIT::json).toList();
        assertThat(events).extracting(e -> e.get("action").asText()).containsSubsequence("user.create",
                "robot.create", "namespace.create", "grant.add", "gc.run", "gc.run");
        assertThat(audit.stdout()).doesNotContain(secret).doesNotContain(alicePassword);
        StowageJarProcess table = cli("audit", "--action", "grant.add");
        assertSucceeded(table);
        assertThat(table.stdout()).contains("grant.add", "team-a", "user:alice", "success");
    }

    @Test
    void immutableTagsQuotasUsageAndTagTimesThroughTheJar() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);
        assertSucceeded(cli("namespace", "create", "team-q"));
        String first = pushImage(admin, "team-q/app", "v1.0.0", "first layer");

        // An immutability rule: the release tag can no longer be moved, until the rule goes.
        StowageJarProcess added = cli("immutability", "add", "team-q", "v[0-9]+\\.[0-9]+\\.[0-9]+",
                "--repositories", "team-q/*", "--json");
        assertSucceeded(added);
        long rule = new ObjectMapper().readTree(added.stdout()).get("id").asLong();
        StowageJarProcess rules = cli("immutability", "list", "team-q");
        assertSucceeded(rules);
        assertThat(rules.stdout()).contains("TAG REGEX", "team-q/*", "v[0-9]+\\.[0-9]+\\.[0-9]+");
        assertThat(pushImageStatus(admin, "team-q/app", "v1.0.0", "second layer")).isEqualTo(403);
        StowageJarProcess invalid = cli("immutability", "add", "team-q", "v(");
        assertThat(invalid.exitCode()).as(invalid.describe()).isEqualTo(1);
        assertThat(invalid.stderr()).contains("invalid", "not a valid regular expression");

        // A quota in human units, shown back in human units; --json has the bytes.
        StowageJarProcess quota = cli("quota", "set", "team-q", "1MiB");
        assertSucceeded(quota);
        assertThat(quota.stdout()).contains("quota of namespace team-q set to 1.0 MiB (1048576 bytes)");
        StowageJarProcess usage = cli("usage", "team-q");
        assertSucceeded(usage);
        assertThat(usage.stdout()).contains("NAMESPACE", "LOGICAL", "STORED", "UNIQUE", "QUOTA", "REMAINING")
                .containsPattern("team-q\\s+1\\s+.*\\s+1\\.0 MiB\\s+");
        JsonNode usageJson = new ObjectMapper().readTree(cli("usage", "team-q", "--json").stdout());
        assertThat(usageJson.get("quotaBytes").asLong()).isEqualTo(1048576);
        long stored = usageJson.get("storedBytes").asLong();
        assertThat(stored).isPositive();
        assertThat(usageJson.get("remainingBytes").asLong()).isEqualTo(1048576 - stored);
        StowageJarProcess repository = cli("usage", "--repository", "team-q/app");
        assertSucceeded(repository);
        assertThat(repository.stdout()).contains("REPOSITORY", "team-q/app", stored + " B");
        byte[] tooBig = new byte[1024 * 1024];
        assertThat(status("POST", "/v2/team-q/app/blobs/uploads/?digest=" + Sha256.digestOf(tooBig), admin, tooBig))
                .isEqualTo(403);
        StowageJarProcess none = cli("quota", "set", "team-q", "none");
        assertSucceeded(none);
        assertThat(none.stdout()).contains("namespace team-q has no quota now");
        assertThat(cli("usage", "team-q").stdout()).containsPattern("\\bnone\\b");
        StowageJarProcess badQuota = cli("quota", "set", "team-q", "lots");
        assertThat(badQuota.exitCode()).as(badQuota.describe()).isEqualTo(2);
        StowageJarProcess unknown = cli("usage", "nowhere");
        assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(1);
        assertThat(unknown.stderr()).contains("not found");

        // Tags with their digest and times: never pulled, until a GET (not a HEAD) of the manifest.
        StowageJarProcess tags = cli("tags", "team-q/app");
        assertSucceeded(tags);
        assertThat(tags.stdout()).contains("TAG", "LAST PULLED").containsPattern("v1\\.0\\.0\\s+" + first
                + "\\s+\\S+Z\\s+never");
        assertThat(status("GET", "/v2/team-q/app/manifests/v1.0.0", admin, null)).isEqualTo(200);
        // Pull times are written in batches every few seconds.
        JsonNode pulled = null;
        for (int i = 0; i < 30 && pulled == null; i++) {
            JsonNode tag = new ObjectMapper().readTree(cli("tags", "team-q/app", "--json").stdout()).get(0);
            if (tag.hasNonNull("lastPulledAt")) {
                pulled = tag;
            } else {
                Thread.sleep(1000);
            }
        }
        assertThat(pulled).as("the pull shows within half a minute").isNotNull();
        assertThat(pulled.get("digest").asText()).isEqualTo(first);

        StowageJarProcess removed = cli("immutability", "remove", "team-q", Long.toString(rule));
        assertSucceeded(removed);
        assertThat(removed.stdout()).contains("removed immutability rule " + rule + " from team-q");
        assertThat(pushImageStatus(admin, "team-q/app", "v1.0.0", "second layer")).isEqualTo(201);

        StowageJarProcess audit = cli("audit", "--repository", "team-q", "--jsonl");
        assertSucceeded(audit);
        assertThat(audit.stdout().lines().map(AdminCommandLineIT::json).map(e -> e.get("action").asText()))
                .containsSubsequence("namespace.create", "immutability.add", "quota.set", "quota.set",
                        "immutability.remove");
    }

    @Test
    void retentionPoliciesDryRunsAndRunsThroughTheJar() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);
        assertSucceeded(cli("namespace", "create", "team-r"));
        for (String tag : List.of("old-1", "old-2", "new")) {
            pushImage(admin, "team-r/app", tag, "layer of " + tag);
            Thread.sleep(3); // distinct push times, for a known order
        }

        StowageJarProcess added = cli("retention", "add", "team-r", "--keep-last", "1", "--untagged-older-than",
                "14d", "--json");
        assertSucceeded(added);
        long policy = new ObjectMapper().readTree(added.stdout()).get("id").asLong();
        StowageJarProcess listed = cli("retention", "list", "team-r");
        assertSucceeded(listed);
        assertThat(listed.stdout()).contains("RULES", "all repositories", "keep last 1", "untagged older than 14d");
        StowageJarProcess invalid = cli("retention", "add", "team-r", "--keep-pushed-within", "P30D");
        assertThat(invalid.exitCode()).as(invalid.describe()).isEqualTo(1);
        assertThat(invalid.stderr()).contains("invalid", "keepPushedWithin must be a period");

        StowageJarProcess dry = cli("retention", "run", "team-r", "--dry-run");
        assertSucceeded(dry);
        assertThat(dry.stdout()).contains("WOULD GO", "old-1", "old-2", "nothing was removed")
                .doesNotContainPattern("\\bnew\\b");
        assertThat(status("GET", "/v2/team-r/app/manifests/old-1", admin, null)).isEqualTo(200);

        StowageJarProcess disabled = cli("retention", "disable", "team-r", Long.toString(policy));
        assertSucceeded(disabled);
        assertThat(cli("retention", "run", "team-r", "--dry-run").stdout()).doesNotContain("old-1");
        assertSucceeded(cli("retention", "enable", "team-r", Long.toString(policy)));

        StowageJarProcess ran = cli("retention", "run", "team-r");
        assertSucceeded(ran);
        assertThat(ran.stdout()).contains("removed", "old-1", "old-2", "removed 2 tags");
        assertThat(status("GET", "/v2/team-r/app/manifests/old-1", admin, null)).isEqualTo(404);
        assertThat(status("GET", "/v2/team-r/app/manifests/new", admin, null)).isEqualTo(200);

        StowageJarProcess removed = cli("retention", "remove", "team-r", Long.toString(policy));
        assertSucceeded(removed);
        assertThat(cli("retention", "list", "team-r", "--json").stdout().strip()).isEqualTo("[ ]");

        StowageJarProcess audit = cli("audit", "--identity", "admin", "--jsonl");
        assertSucceeded(audit);
        assertThat(audit.stdout().lines().map(AdminCommandLineIT::json).map(e -> e.get("action").asText()))
                .containsSubsequence("retention.add", "retention.update", "retention.update", "retention.remove",
                        "retention.remove", "retention.run", "retention.remove");
    }

    @Test
    void thePasswordComesFromStandardInputOrTheEnvironmentAndNeverTheCommandLine() throws Exception {
        Path input = tmp.resolve("stdin");
        Files.writeString(input, ADMIN_PASSWORD + "\nbob-chosen-password\n");
        StowageJarProcess created = StowageJarProcess.run(tmp, Map.of("STOWAGE_REGISTRY", "http://127.0.0.1:" + port),
                input, EXIT, "user", "create", "bob", "--password-stdin", "--new-password-stdin");
        assertSucceeded(created);
        assertThat(created.stdout()).contains("created user bob").doesNotContain("password:");
        assertThat(status("GET", "/v2/", basic("bob", "bob-chosen-password"), null)).isEqualTo(200);

        StowageJarProcess noPassword = StowageJarProcess.run(tmp, Map.of("STOWAGE_REGISTRY",
                "http://127.0.0.1:" + port), EXIT, "user", "list");
        assertThat(noPassword.exitCode()).as(noPassword.describe()).isEqualTo(2);
        assertThat(noPassword.stderr()).contains("STOWAGE_PASSWORD", "--password-stdin");

        StowageJarProcess onTheCommandLine = cli("user", "list", "--password", ADMIN_PASSWORD);
        assertThat(onTheCommandLine.exitCode()).as(onTheCommandLine.describe()).isEqualTo(2);
        assertThat(onTheCommandLine.stderr()).contains("never taken on the command line");

        Map<String, String> wrong = new HashMap<>(cliEnvironment);
        wrong.put("STOWAGE_PASSWORD", "not-the-password");
        StowageJarProcess refused = StowageJarProcess.run(tmp, wrong, EXIT, "user", "list");
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
        assertThat(refused.stderr()).contains("not logged in");

        StowageJarProcess asBob = StowageJarProcess.run(tmp, Map.of("STOWAGE_REGISTRY", "http://127.0.0.1:" + port,
                "STOWAGE_PASSWORD", "bob-chosen-password"), EXIT, "user", "list", "--user", "bob");
        assertThat(asBob.exitCode()).as(asBob.describe()).isEqualTo(1);
        assertThat(asBob.stderr()).contains("denied");

        StowageJarProcess unreachable = StowageJarProcess.run(tmp, cliEnvironment, EXIT, "user", "list",
                "--registry", "http://127.0.0.1:" + LoopbackPorts.free());
        assertThat(unreachable.exitCode()).as(unreachable.describe()).isEqualTo(1);
        assertThat(unreachable.stderr()).contains("cannot reach the registry");
        assertThat(unreachable.stderr() + refused.stderr() + asBob.stderr()).doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void helpListsTheAdministrationCommands() throws Exception {
        StowageJarProcess help = StowageJarProcess.run(tmp, Map.of(), EXIT, "help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("user create NAME", "robot create NAME", "grant add NAMESPACE",
                "immutability add NAMESPACE TAG_REGEX", "quota set NAMESPACE BYTES|none",
                "usage NAMESPACE | --repository REPOSITORY", "tags REPOSITORY", "gc [--dry-run]",
                "--password-stdin", "STOWAGE_REGISTRY");
        StowageJarProcess bad = StowageJarProcess.run(tmp, cliEnvironment, EXIT, "robot", "fly");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("unknown subcommand 'fly'", "stowage robot create NAME");
    }

    private StowageJarProcess cli(String... args) throws Exception {
        return StowageJarProcess.run(tmp, cliEnvironment, EXIT, args);
    }

    private static void assertSucceeded(StowageJarProcess process) throws Exception {
        assertThat(process.exitCode()).as(process.describe()).isZero();
    }

    private static String match(Pattern pattern, StowageJarProcess process) throws Exception {
        Matcher m = pattern.matcher(process.stdout());
        assertThat(m.find()).as(process.describe()).isTrue();
        return m.group(1);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private int status(String method, String path, String authorization, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/octet-stream");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Pushes a config, a layer and a manifest of them under {@code tag}; returns the manifest's digest. */
    private String pushImage(String authorization, String repository, String tag, String layer) throws Exception {
        HttpResponse<String> response = pushImageResponse(authorization, repository, tag, layer);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private int pushImageStatus(String authorization, String repository, String tag, String layer) throws Exception {
        return pushImageResponse(authorization, repository, tag, layer).statusCode();
    }

    private HttpResponse<String> pushImageResponse(String authorization, String repository, String tag, String layer)
            throws Exception {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] layerBytes = layer.getBytes(StandardCharsets.UTF_8);
        for (byte[] blob : List.of(config, layerBytes)) {
            assertThat(status("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + Sha256.digestOf(blob),
                    authorization, blob)).isEqualTo(201);
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + Sha256.digestOf(config) + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + Sha256.digestOf(layerBytes)
                + "\",\"size\":" + layerBytes.length + "}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/" + repository
                        + "/manifests/" + tag)).timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
