package io.stowage.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * haproxy (Debian's package) in front of registry nodes, balancing round-robin with no stickiness, as an operator
 * would put a load balancer in front of a scale-out registry. It health-checks {@code /readyz} every 300 ms and
 * re-dispatches a request whose connection to a dead node fails, so clients only see failures of requests that
 * were already in flight on a node when it died.
 */
public final class Balancer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private Balancer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static Balancer start(Path dir, List<Integer> nodePorts) throws Exception {
        Files.createDirectories(dir);
        int port = RegistryProcess.freePort();
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < nodePorts.size(); i++) {
            servers.append("    server node").append(i + 1).append(" 127.0.0.1:").append(nodePorts.get(i))
                    .append(" check\n");
        }
        Path config = Files.writeString(dir.resolve("haproxy.cfg"), """
                global
                    maxconn 2000

                defaults
                    mode http
                    timeout connect 2s
                    timeout client 10m
                    timeout server 10m
                    timeout http-request 1m
                    retries 3
                    option redispatch 1
                    retry-on conn-failure empty-response

                frontend registry
                    bind 127.0.0.1:%d
                    default_backend nodes

                backend nodes
                    balance roundrobin
                    option httpchk GET /readyz
                    default-server inter 300ms fall 1 rise 2
                %s""".formatted(port, servers));
        Path log = dir.resolve("haproxy.log");
        Process process = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Balancer balancer = new Balancer(process, port, log);
        try {
            balancer.awaitServing(nodePorts.size(), Duration.ofSeconds(30));
        } catch (Exception | Error e) {
            // Nobody else holds it yet: a balancer that never served would outlive the test run.
            balancer.close();
            throw e;
        }
        return balancer;
    }

    /** Waits until the balancer answers and has seen every node healthy (each gets a request in turn). */
    private void awaitServing(int nodes, Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        int consecutiveOk = 0;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri("/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding());
                consecutiveOk = response.statusCode() == 200 ? consecutiveOk + 1 : 0;
                if (consecutiveOk >= nodes * 2) {
                    // Health checks need "rise" passes before a node takes traffic; let them all pass.
                    Thread.sleep(1_000);
                    return;
                }
            } catch (IOException notYet) {
                consecutiveOk = 0;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("balancer not serving in " + timeout + ":\n" + output());
    }

    public int port() {
        return port;
    }

    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
