package io.stowage.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two stateless Stowage nodes on one PostgreSQL database and one Ceph S3 bucket, behind haproxy balancing
 * round-robin without sticky sessions: what the scale-out deployment promises, checked with real clients.
 */
class ClusterIT {

    private static final int MIB = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Cluster cluster;
    private static ContainerTools tools;
    private static OciLayouts layouts;
    private static Path source;
    private static String run;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = Cluster.start(dir.resolve("cluster"), 2);
        tools = ContainerTools.configure(dir.resolve("tools"), cluster);
        layouts = new OciLayouts(tools);
        run = RandomFiles.token();
        source = layouts.create(dir.resolve("source"));
        Path content = dir.resolve("content");
        layouts.image(source, "small", "amd64", List.of(
                RandomFiles.write(content.resolve("small/a.bin"), 3000),
                RandomFiles.write(content.resolve("small/b.bin"), 70_000)));
        // Over one S3 part and not a multiple of any buffer: exercises the multipart path of the S3 store.
        layouts.image(source, "big", "amd64", List.of(
                RandomFiles.write(content.resolve("big/big.bin"), 40L * MIB + 123)));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void imagePushedThroughTheBalancerPullsBackIntactThroughEveryNode() throws Exception {
        String repository = "cluster/" + run + "/skopeo";
        tools.runOk("skopeo", "copy", "--dest-tls-verify=false", "oci:" + source + ":small",
                "docker://" + cluster.balancer().hostPort() + "/" + repository + ":v1");
        String digest = layouts.manifestDigest(source, "small");

        for (int i = 0; i < cluster.size(); i++) {
            OciHttp node = OciHttp.to(cluster.node(i));
            OciHttp.Manifest manifest = node.getManifest(repository, "v1");
            assertThat(manifest.digest()).as("node %d", i + 1).isEqualTo(digest);
            for (String blob : blobsOf(manifest.content())) {
                assertThat(node.pullBlob(repository, blob).digest()).as("node %d blob", i + 1).isEqualTo(blob);
            }
        }

        Path copy = layouts.create(dir.resolve("copy-back"));
        tools.runOk("skopeo", "copy", "--src-tls-verify=false",
                "docker://" + cluster.balancer().hostPort() + "/" + repository + ":v1", "oci:" + copy + ":small");
        assertThat(layouts.manifestDigest(copy, "small")).isEqualTo(digest);
    }

    @Test
    void podmanPushesAndPullsThroughTheBalancer() throws Exception {
        String image = cluster.balancer().hostPort() + "/cluster/" + run + "/podman:v1";
        tools.runOk("skopeo", "copy", "--dest-tls-verify=false", "oci:" + source + ":small", "docker://" + image);
        tools.runOk("podman", "pull", "--tls-verify=false", image);
        tools.runOk("podman", "push", "--tls-verify=false", image,
                cluster.balancer().hostPort() + "/cluster/" + run + "/podman-again:v1");
        OciHttp.Manifest again = OciHttp.to(cluster.node(1)).getManifest("cluster/" + run + "/podman-again", "v1");
        assertThat(blobsOf(again.content())).isNotEmpty();
    }

    @Test
    void chunkedUploadContinuesOnWhicheverNodeEachPatchReaches() throws Exception {
        String repository = "cluster/" + run + "/chunked";
        byte[] content = new byte[3 * 5 * MIB + 4321];
        new Random(7).nextBytes(content);
        OciHttp first = OciHttp.to(cluster.node(0));
        OciHttp second = OciHttp.to(cluster.node(1));

        HttpResponse<Void> opened = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        cluster.node(0).uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(opened.statusCode()).isEqualTo(202);
        assertThat(opened.headers().firstValue("OCI-Chunk-Min-Length")).as("S3 wants 5 MiB parts")
                .contains(Integer.toString(5 * MIB));
        OciHttp.Upload upload = new OciHttp.Upload(
                cluster.node(0).uri(opened.headers().firstValue("Location").orElseThrow()), 0);

        // Every PATCH, the status check and the closing PUT go to a different node than the one before.
        List<OciHttp> alternating = List.of(second, first, second, first);
        int offset = 0;
        for (int i = 0; offset < content.length; i++) {
            int length = Math.min(5 * MIB, content.length - offset);
            OciHttp node = alternating.get(i % alternating.size());
            upload = node.patch(onto(upload, node), Arrays.copyOfRange(content, offset, offset + length));
            offset += length;
        }
        assertThat(second.uploadStatus(onto(upload, second)).received()).isEqualTo(content.length);
        String digest = Sha256.digestOf(content);
        first.completeUpload(onto(upload, first), digest);

        assertThat(second.pullBlob(repository, digest)).isEqualTo(new Sha256(content.length, digest));
        assertThat(first.pullBlob(repository, digest)).isEqualTo(new Sha256(content.length, digest));
    }

    @Test
    void aTagWrittenThroughOneNodeIsReadThroughTheOtherAtOnce() throws Exception {
        String repository = "cluster/" + run + "/tags";
        OciHttp[] nodes = {OciHttp.to(cluster.node(0)), OciHttp.to(cluster.node(1))};
        ManifestJson.Descriptor config = ManifestJson.Descriptor.of(ManifestJson.CONFIG, "{}".getBytes());
        nodes[0].pushBlob(repository, "{}".getBytes());
        for (int i = 0; i < 20; i++) {
            byte[] manifest = ManifestJson.image(config, List.of(), "round-" + i);
            String digest = nodes[i % 2].pushManifest(repository, "latest", OciHttp.OCI_MANIFEST, manifest);
            assertThat(nodes[(i + 1) % 2].getManifest(repository, "latest").digest())
                    .as("round %d, read through the other node right after the write", i).isEqualTo(digest);
        }
    }

    @Test
    void aNodeKilledInTheMiddleOfAPushLosesNothingTheClientRetriesThroughTheBalancer() throws Exception {
        String repository = "cluster/" + run + "/crash";
        String image = "docker://" + cluster.balancer().hostPort() + "/" + repository + ":v1";
        CompletableFuture<CommandResult> push = CompletableFuture.supplyAsync(() -> {
            try {
                return tools.run("skopeo", "copy", "--retry-times", "5", "--dest-tls-verify=false",
                        "oci:" + source + ":big", image);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int victim = awaitNodeReceiving(8L * MIB, push);
        cluster.node(victim).kill();
        CommandResult result = push.get();
        assertThat(result.succeeded()).as(() -> result.describe() + "\n" + outputOrNothing()).isTrue();

        String digest = layouts.manifestDigest(source, "big");
        OciHttp survivor = OciHttp.to(cluster.node(1 - victim));
        OciHttp.Manifest manifest = survivor.getManifest(repository, "v1");
        assertThat(manifest.digest()).isEqualTo(digest);
        for (String blob : blobsOf(manifest.content())) {
            assertThat(survivor.pullBlob(repository, blob).digest()).isEqualTo(blob);
        }

        // The killed node comes back with nothing of its own to recover and serves the same data at once.
        cluster.node(victim).restart();
        OciHttp revived = OciHttp.to(cluster.node(victim));
        for (String blob : blobsOf(revived.getManifest(repository, "v1").content())) {
            assertThat(revived.pullBlob(repository, blob).digest()).isEqualTo(blob);
        }
    }

    @Test
    void withRedirectsOnANodeSendsBlobDownloadsStraightToS3() throws Exception {
        String repository = "cluster/" + run + "/redirect";
        byte[] content = new byte[100_000];
        new Random(11).nextBytes(content);
        String digest = OciHttp.to(cluster).pushBlob(repository, content);
        Map<String, String> environment = new HashMap<>(cluster.environment());
        environment.put("STOWAGE_STORAGE_S3_REDIRECT_DOWNLOADS", "true");
        try (RegistryProcess redirecting = RegistryProcess.start(dir.resolve("redirecting"), environment)) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(
                            redirecting.uri("/v2/" + repository + "/blobs/" + digest)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).isEqualTo(307);
            assertThat(answer.headers().firstValue("Docker-Content-Digest")).contains(digest);
            URI direct = URI.create(answer.headers().firstValue("Location").orElseThrow());
            assertThat(direct.getPort()).as("points at the S3 endpoint, not the registry")
                    .isNotEqualTo(redirecting.port());

            HttpResponse<byte[]> fromS3 = client.send(HttpRequest.newBuilder(direct).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fromS3.statusCode()).isEqualTo(200);
            assertThat(Sha256.digestOf(fromS3.body())).isEqualTo(digest);

            HttpResponse<Void> head = client.send(HttpRequest.newBuilder(
                            redirecting.uri("/v2/" + repository + "/blobs/" + digest))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).as("HEAD is answered by the registry").isEqualTo(200);
        }
        // Without the flag (the default) the nodes serve the bytes themselves.
        assertThat(OciHttp.to(cluster.node(0)).getBlob(repository, digest)).isEqualTo(content);
    }

    @Test
    void aTokenIssuedByOneNodeIsAcceptedByTheOtherAndCredentialsWorkThroughTheBalancer() throws Exception {
        String password = "cluster-admin-" + run;
        Map<String, String> locked = Map.of("STOWAGE_AUTH_ANONYMOUS", "none", "STOWAGE_ADMIN_PASSWORD", password);
        try (Cluster secured = Cluster.start(dir.resolve("secured"), 2, locked)) {
            String repository = "cluster/" + run + "/secured";
            HttpClient http = HttpClient.newHttpClient();
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                    ("admin:" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));

            // Both nodes started together on one empty database; each refuses callers without credentials, and the
            // administrator created by whichever node came first logs in through either.
            for (int i = 0; i < secured.size(); i++) {
                HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(secured.node(i).uri("/v2/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(anonymous.statusCode()).as("node %d without credentials", i + 1).isEqualTo(401);
            }
            HttpResponse<String> issued = http.send(HttpRequest.newBuilder(secured.node(0).uri(
                    "/token?service=stowage&scope=repository:" + repository + ":pull,push"))
                    .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(issued.statusCode()).isEqualTo(200);
            String token = JSON.readTree(issued.body()).get("token").asText();

            byte[] blob = "pushed with a token from the other node".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String digest = Sha256.digestOf(blob);
            HttpResponse<String> pushed = http.send(HttpRequest.newBuilder(secured.node(1).uri(
                    "/v2/" + repository + "/blobs/uploads/?digest=" + digest))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);

            // Round-robin without stickiness: the token comes from one node, the requests go to both.
            String image = secured.balancer().hostPort() + "/" + repository + ":v1";
            tools.runOk("skopeo", "copy", "--dest-tls-verify=false", "--dest-creds", "admin:" + password,
                    "oci:" + source + ":small", "docker://" + image);
            CommandResult refused = tools.run("skopeo", "inspect", "--tls-verify=false", "docker://" + image);
            assertThat(refused.exitCode()).as("inspect without credentials").isNotZero();
            Path copy = layouts.create(dir.resolve("secured-copy"));
            tools.runOk("skopeo", "copy", "--src-tls-verify=false", "--src-creds", "admin:" + password,
                    "docker://" + image, "oci:" + copy + ":small");
            assertThat(layouts.manifestDigest(copy, "small")).isEqualTo(layouts.manifestDigest(source, "small"));
        }
    }

    @Test
    void abandonedUploadsArePurgedByOneNodeAndByAnotherOnceThatOneDies() throws Exception {
        Map<String, String> fastJobs = Map.of("STOWAGE_UPLOADS_PURGE_AFTER", "1s",
                "STOWAGE_UPLOADS_PURGE_INTERVAL", "300ms");
        try (Cluster purging = Cluster.start(dir.resolve("purging"), 2, fastJobs)) {
            URI first = openSessionWithAChunk(purging.node(0));
            awaitGone(purging.node(1), first);
            int holder = purgedBy(purging);
            assertThat(purging.node(1 - holder).output()).as("the other node never ran the job")
                    .doesNotContain("purged ");

            purging.node(holder).kill();
            RegistryProcess survivor = purging.node(1 - holder);
            URI second = openSessionWithAChunk(survivor);
            awaitGone(survivor, second);
            awaitLog(survivor, "job upload-purge: this node runs it");
            awaitLog(survivor, "purged 1 abandoned upload session");
        }
    }

    @Test
    void garbageCollectionRunningOnTheClusterWhilePushesContinueLosesNothing() throws Exception {
        Map<String, String> busyCollector = Map.of("STOWAGE_GC_INTERVAL", "200ms", "STOWAGE_GC_GRACE_PERIOD", "2s");
        try (Cluster collecting = Cluster.start(dir.resolve("collecting"), 2, busyCollector)) {
            OciHttp balanced = OciHttp.to(collecting);
            String repository = "cluster/" + run + "/gc";
            ManifestJson.Descriptor config = ManifestJson.Descriptor.of(ManifestJson.CONFIG, "{}".getBytes());
            Map<String, List<String>> kept = new ConcurrentHashMap<>();
            List<CompletableFuture<Void>> pushers = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                int pusher = p;
                pushers.add(CompletableFuture.runAsync(() -> {
                    try {
                        for (int i = 0; i < 15; i++) {
                            String tag = "p" + pusher + "-" + i;
                            byte[] shared = ("shared layer " + (i % 4)).getBytes();
                            byte[] unique = ("unique layer of " + tag + " " + run).getBytes();
                            balanced.pushBlob(repository, "{}".getBytes());
                            List<ManifestJson.Descriptor> layers = List.of(
                                    ManifestJson.Descriptor.of(ManifestJson.LAYER, shared),
                                    ManifestJson.Descriptor.of(ManifestJson.LAYER, unique));
                            balanced.pushBlob(repository, shared);
                            balanced.pushBlob(repository, unique);
                            String digest = balanced.pushManifest(repository, tag, OciHttp.OCI_MANIFEST,
                                    ManifestJson.image(config, layers, tag));
                            if (i % 3 == 0) {
                                // Deleted at once: its unique layer is garbage once the grace period has passed.
                                balanced.deleteManifest(repository, digest);
                            } else {
                                kept.put(tag, List.of(config.digest(), layers.get(0).digest(),
                                        layers.get(1).digest()));
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            CompletableFuture.allOf(pushers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            // Long enough for the deleted images' layers to pass the grace period and be collected.
            awaitMetricAtLeast(collecting, "stowage_gc_last_blobs_deleted", 1);

            for (int i = 0; i < collecting.size(); i++) {
                OciHttp node = OciHttp.to(collecting.node(i));
                for (Map.Entry<String, List<String>> image : kept.entrySet()) {
                    node.getManifest(repository, image.getKey());
                    for (String blob : image.getValue()) {
                        assertThat(node.pullBlob(repository, blob).digest()).as("%s of %s through node %d", blob,
                                image.getKey(), i + 1).isEqualTo(blob);
                    }
                }
            }
            assertThat(kept).hasSize(30);
        }
    }

    /** Waits until one of the cluster's nodes reports {@code metric} at or above {@code value}. */
    private static void awaitMetricAtLeast(Cluster cluster, String metric, long value) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < cluster.size(); i++) {
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(cluster.node(i).uri("/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (MetricsScrape.parse(response.body()).value(metric) >= value) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        List<String> lines = cluster.output().lines().toList();
        throw new AssertionError(metric + " never reached " + value + "\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
    }

    /** Opens an upload session with one chunk through {@code node}; returns the session's URL on that node. */
    private static URI openSessionWithAChunk(RegistryProcess node) throws Exception {
        OciHttp client = OciHttp.to(node);
        OciHttp.Upload upload = client.patch(client.startUpload("cluster/" + run + "/abandoned"), new byte[1000]);
        return upload.location();
    }

    private static void awaitGone(RegistryProcess node, URI session) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI onNode = node.uri(session.getRawPath());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            int status = client.send(HttpRequest.newBuilder(onNode).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status == 404) {
                return;
            }
            assertThat(status).as("session status").isEqualTo(204);
            Thread.sleep(100);
        }
        throw new AssertionError("upload session " + session + " was not purged in time\n" + outputOrNothing());
    }

    /** The node whose log says it purged a session (the line follows the purge itself, so it may trail a bit). */
    private static int purgedBy(Cluster cluster) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < cluster.size(); i++) {
                if (cluster.node(i).output().contains("purged 1 abandoned upload session")) {
                    return i;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no node logged the purge\n" + cluster.output());
    }

    private static void awaitLog(RegistryProcess node, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!node.output().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the node never logged '" + text + "'\n" + node.output());
            }
            Thread.sleep(50);
        }
    }

    /** The node through which the push's big layer is flowing, once it has received {@code threshold} bytes. */
    private static int awaitNodeReceiving(long threshold, CompletableFuture<?> push) throws Exception {
        long[] before = new long[cluster.size()];
        for (int i = 0; i < cluster.size(); i++) {
            before[i] = bytesReceived(i);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && !push.isDone()) {
            for (int i = 0; i < cluster.size(); i++) {
                if (bytesReceived(i) - before[i] >= threshold) {
                    return i;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no node received " + threshold + " bytes of the push (push done: " + push.isDone()
                + ")\n" + outputOrNothing());
    }

    private static long bytesReceived(int node) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(cluster.node(node).uri("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return (long) MetricsScrape.parse(response.body()).value("stowage_http_bytes_received_total");
    }

    /** The same upload session, addressed through another node. */
    private static OciHttp.Upload onto(OciHttp.Upload upload, OciHttp node) {
        URI location = upload.location();
        String path = location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
        return new OciHttp.Upload(node.uri(path), upload.received());
    }

    private static List<String> blobsOf(byte[] manifest) throws Exception {
        JsonNode root = JSON.readTree(manifest);
        List<String> digests = new ArrayList<>();
        digests.add(root.path("config").path("digest").asText());
        root.path("layers").forEach(layer -> digests.add(layer.path("digest").asText()));
        return digests;
    }

    private static String outputOrNothing() {
        try {
            List<String> lines = cluster.output().lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (Exception e) {
            return "(no cluster output: " + e + ")";
        }
    }
}
