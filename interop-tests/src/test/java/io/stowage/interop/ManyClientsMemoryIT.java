package io.stowage.interop;

import io.stowage.image.JvmOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of slow clients at once against the memory Stowage ships with ({@code jvm.options} from the jar: a 96 MiB
 * heap, and as much direct memory): a fleet of nodes pulling the same layer, a build farm pushing. Each transfer
 * holds a buffer while its client dawdles; before transfer buffers had a budget, 800 such pulls failed 429 of them
 * with an {@code OutOfMemoryError} (HTTP 500), and 700 such pushes exhausted the heap and left the server stuck. Every
 * one must now succeed, with the right bytes, and the server must stay healthy.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ManyClientsMemoryIT {

    private static final int CLIENTS = 600;
    private static final String REPOSITORY = "fleet/layer";

    @TempDir
    Path tmp;

    @Test
    void hundredsOfSlowPullsAndPushesAtOnceAllSucceedOnTheShippedMemory() throws Exception {
        try (RegistryProcess registry = RegistryProcess.start(tmp.resolve("data"), shippedJvmOptions());
             OciHttp oci = OciHttp.to(registry, Duration.ofMinutes(2))) {
            byte[] layer = bytes(1, 4 * 1024 * 1024);
            String digest = oci.pushBlob(REPOSITORY, layer);

            long directFree = gauge(oci, "stowage_direct_transfer_memory_free_bytes");
            long[] whileHeld = new long[2];
            CountDownLatch sampled = new CountDownLatch(1);
            Map<String, Integer> pulls = all(CLIENTS, (client, everyoneAsked) -> {
                try (Socket socket = connect(registry)) {
                    send(socket, "GET /v2/" + REPOSITORY + "/blobs/" + digest + " HTTP/1.1\r\nHost: registry\r\n\r\n");
                    // Nobody reads until every request is in and the gauges are sampled: the server holds them all.
                    everyoneAsked.countDown();
                    everyoneAsked.await();
                    sampled.await(2, TimeUnit.MINUTES);
                    Response response = Response.read(socket.getInputStream());
                    return response.status() == 200 && response.digest().equals(digest) ? "200 intact"
                            : response.status() + " " + response.digest();
                }
            }, () -> {
                // The server takes the buffers as it gets to the requests, however long that takes on a busy
                // machine: sample once more than half of the budget is taken (or give up after a minute).
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                try {
                    do {
                        Thread.sleep(50);
                        whileHeld[0] = gauge(oci, "stowage_direct_transfer_memory_free_bytes");
                        whileHeld[1] = gauge(oci, "stowage_direct_transfer_waiting");
                    } while (whileHeld[0] >= directFree / 2 && System.nanoTime() < deadline);
                } finally {
                    sampled.countDown();
                }
            });
            assertThat(pulls).containsExactly(Map.entry("200 intact", CLIENTS));
            // While every pull was held, their buffers were taken from the budget, and none had to wait: the half
            // of the budget kept for small buffers had room for all of them.
            assertThat(whileHeld[0]).isPositive().isLessThan(directFree / 2);
            assertThat(whileHeld[1]).isZero();
            // Every buffer given back (a server thread may still be finishing the response its client has read).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (gauge(oci, "stowage_direct_transfer_memory_free_bytes") != directFree
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(gauge(oci, "stowage_direct_transfer_memory_free_bytes")).isEqualTo(directFree);

            Map<String, Integer> pushes = all(CLIENTS, (client, everyoneHalfway) -> {
                byte[] blob = bytes(100 + client, 1024 * 1024);
                String blobDigest = sha256(blob);
                try (Socket socket = connect(registry)) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /v2/" + REPOSITORY + "/blobs/uploads/?digest=" + blobDigest + " HTTP/1.1\r\n"
                            + "Host: registry\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                            + blob.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(blob, 0, blob.length / 2);
                    out.flush();
                    // Every push is half sent, and its server side is holding its buffer, before any finishes.
                    everyoneHalfway.countDown();
                    everyoneHalfway.await();
                    Thread.sleep(500);
                    out.write(blob, blob.length / 2, blob.length - blob.length / 2);
                    out.flush();
                    return Integer.toString(Response.read(socket.getInputStream()).status());
                }
            }, () -> { });
            assertThat(pushes).containsExactly(Map.entry("201", CLIENTS));
            assertThat(gauge(oci, "stowage_heap_transfer_waiting")).isZero();

            assertThat(oci.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(registry.output()).doesNotContain("OutOfMemoryError").doesNotContain(" ERROR ");
            GracefulStop.stopAndCheck(registry);
        }
    }

    /** The options packaged in the jar, as the launcher and the container image use them. */
    private static String[] shippedJvmOptions() throws IOException {
        List<String> options = JvmOptions.of(RegistryProcess.jar());
        assertThat(options).as("shipped options").anyMatch(option -> option.startsWith("-Xmx"));
        return options.toArray(String[]::new);
    }

    private interface Client {
        String run(int client, CountDownLatch together) throws Exception;
    }

    private interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code clients} clients at once, each on its own virtual thread, and counts their outcomes; {@code whileTogether}
     * runs here once every client has counted down the latch they share.
     */
    private static Map<String, Integer> all(int clients, Client client, Step whileTogether) throws Exception {
        CountDownLatch together = new CountDownLatch(clients);
        Map<String, Integer> outcomes = new TreeMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int number = i;
                runs.add(threads.submit(() -> {
                    try {
                        return client.run(number, together);
                    } finally {
                        together.countDown(); // a client that failed early must not hold the others
                    }
                }));
            }
            together.await();
            whileTogether.run();
            for (Future<String> run : runs) {
                String outcome;
                try {
                    outcome = run.get(3, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException e) {
                    outcome = e.getCause().toString();
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
        }
        return outcomes;
    }

    /** One unlabelled sample of {@code /metrics}. */
    private static long gauge(OciHttp oci, String name) throws Exception {
        String metrics = new String(OciHttp.expect(oci.get("/metrics"), 200).body(), StandardCharsets.UTF_8);
        return metrics.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> (long) Double.parseDouble(line.substring(name.length() + 1).strip()))
                .orElseThrow(() -> new AssertionError("no " + name + " in /metrics"));
    }

    private static Socket connect(RegistryProcess registry) throws IOException {
        Socket socket = new Socket();
        // A small receive window: the server's writes block soon, as they do for a client far away.
        socket.setReceiveBufferSize(16 * 1024);
        socket.connect(new InetSocketAddress("127.0.0.1", registry.port()), 10_000);
        socket.setSoTimeout(120_000);
        return socket;
    }

    private static void send(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** An HTTP/1.1 response with a Content-Length body, read whole and hashed. */
    private record Response(int status, String digest) {

        static Response read(InputStream raw) throws Exception {
            InputStream in = new BufferedInputStream(raw, 64 * 1024);
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            long length = 0;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(header.substring("content-length:".length()).strip());
                }
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (long left = length; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return new Response(status, "cut off " + left + " bytes early");
                }
                sha256.update(buffer, 0, n);
                left -= n;
            }
            return new Response(status, "sha256:" + HexFormat.of().formatHex(sha256.digest()));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed in the headers");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }

    private static byte[] bytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
