package io.stowage.server.training;

import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.MediaTypes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A registry client that runs the requests registries mostly serve, from several threads for a while: blob pushes
 * (single-request, POST then PUT, chunked, mounted), manifest pushes under new tags, pulls of both by tag and digest,
 * HEADs, ranges, tag lists, the catalog, referrers, deletes and a few errors. The {@code stowage} launcher runs it
 * against the server that trains the JDK's AOT cache (JEP 483/515), so the cache holds the classes and method
 * profiles of real work instead of only those of starting up: a new server then reaches its compiled speed with far
 * less CPU spent interpreting and profiling (docs/performance.md). It checks every status code it gets, so it also
 * serves as a smoke test of a running registry; it writes under the repository prefix {@code stowage-training/}.
 */
public final class Workload {

    private static final int THREADS = 4;
    private static final int MiB = 1024 * 1024;

    private final URI base;
    private final Duration duration;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public Workload(URI base, Duration duration) {
        this.base = base;
        this.duration = duration;
    }

    /** Runs until the duration is over; returns the number of unexpected answers (0 when all went as expected). */
    public long run() throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int worker = t;
            threads.add(Thread.ofPlatform().name("workload-" + t).start(() -> loop(worker, deadline)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return failures.get();
    }

    public long requests() {
        return requests.get();
    }

    private void loop(int worker, long deadline) {
        SplittableRandom random = new SplittableRandom(worker);
        String repository = "stowage-training/w" + worker;
        for (int round = 0; System.nanoTime() < deadline; round++) {
            try {
                round(repository, worker, round, random);
            } catch (IOException e) {
                failures.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void round(String repository, int worker, int round, SplittableRandom random)
            throws IOException, InterruptedException {
        byte[] small = bytes(random, 4 * 1024);
        Digest smallDigest = digest(small);
        String location = location(send(post(repository + "/blobs/uploads/"), 202));
        send(HttpRequest.newBuilder(resolve(location, "digest=" + smallDigest))
                .header("Content-Type", MediaTypes.OCTET_STREAM)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(small)), 201);

        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"round\":" + round + "}").getBytes();
        Digest configDigest = digest(config);
        send(HttpRequest.newBuilder(uri(repository + "/blobs/uploads/?digest=" + configDigest))
                .header("Content-Type", MediaTypes.OCTET_STREAM)
                .POST(HttpRequest.BodyPublishers.ofByteArray(config)), 201);

        byte[] layer = bytes(random, round % 8 == 0 ? 8 * MiB : 256 * 1024);
        Digest layerDigest = digest(layer);
        pushChunked(repository, layer, layerDigest, round % 8 == 0 ? 2 * MiB : 64 * 1024);

        String manifest = """
                {"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"%s","digest":"%s","size":%d},\
                "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d},\
                {"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}"""
                .formatted(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, configDigest, config.length,
                        layerDigest, layer.length, smallDigest, small.length);
        byte[] manifestBytes = manifest.getBytes();
        String tag = "t" + round;
        send(HttpRequest.newBuilder(uri(repository + "/manifests/" + tag))
                .header("Content-Type", MediaTypes.OCI_MANIFEST)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifestBytes)), 201);
        Digest manifestDigest = digest(manifestBytes);

        for (int i = 0; i < 20; i++) {
            send(get(repository + "/manifests/" + tag).header("Accept", MediaTypes.OCI_MANIFEST), 200);
            send(get(repository + "/manifests/" + manifestDigest).header("Accept", MediaTypes.OCI_MANIFEST), 200);
            send(head(repository + "/manifests/" + tag).header("Accept", MediaTypes.OCI_MANIFEST), 200);
            send(get(repository + "/blobs/" + smallDigest), 200);
            send(head(repository + "/blobs/" + configDigest), 200);
        }
        send(get(repository + "/blobs/" + layerDigest), 200);
        send(get(repository + "/blobs/" + layerDigest).header("Range", "bytes=10-1033"), 206);
        send(get(repository + "/tags/list"), 200);
        send(get(repository + "/tags/list?n=5&last=t" + Math.max(0, round - 10)), 200);
        send(get("_catalog?n=10"), 200);
        send(get(repository + "/referrers/" + manifestDigest), 200);
        send(get(repository + "/manifests/missing-" + worker), 404);
        send(get(repository + "/blobs/sha256:" + "0".repeat(64)), 404);

        String mountTarget = "stowage-training/m" + worker + "-" + (round % 50);
        send(post(mountTarget + "/blobs/uploads/?mount=" + layerDigest + "&from=" + repository), 201);
        if (round % 4 == 3) {
            send(HttpRequest.newBuilder(uri(repository + "/manifests/t" + (round - 1))).DELETE(), 202);
        }
    }

    private void pushChunked(String repository, byte[] data, Digest digest, int chunk)
            throws IOException, InterruptedException {
        String location = location(send(post(repository + "/blobs/uploads/"), 202));
        for (int offset = 0; offset < data.length; offset += chunk) {
            int end = Math.min(data.length, offset + chunk);
            HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(resolve(location, null))
                    .header("Content-Type", MediaTypes.OCTET_STREAM)
                    .header("Content-Range", offset + "-" + (end - 1))
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(data, offset, end - offset)), 202);
            location = location(answer);
        }
        send(HttpRequest.newBuilder(resolve(location, "digest=" + digest))
                .PUT(HttpRequest.BodyPublishers.noBody()), 201);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, int expected)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        requests.incrementAndGet();
        if (response.statusCode() != expected) {
            failures.incrementAndGet();
        }
        return response;
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpRequest.Builder head(String path) {
        return HttpRequest.newBuilder(uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody());
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
    }

    private URI uri(String path) {
        return base.resolve("/v2/" + path);
    }

    private URI resolve(String location, String query) {
        URI target = base.resolve(location);
        if (query == null) {
            return target;
        }
        return URI.create(target + (target.getRawQuery() == null ? "?" : "&") + query);
    }

    private static String location(HttpResponse<byte[]> response) throws IOException {
        return response.headers().firstValue("Location")
                .orElseThrow(() -> new IOException("no Location in a " + response.statusCode() + " answer"));
    }

    private static byte[] bytes(SplittableRandom random, int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                data[i + j] = (byte) (value >>> (8 * j));
            }
        }
        return data;
    }

    private static Digest digest(byte[] data) {
        return Digest.of(DigestAlgorithm.SHA256, data);
    }
}
