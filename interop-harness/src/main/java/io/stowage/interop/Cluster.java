package io.stowage.interop;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A scale-out Stowage: several stateless nodes (the real jar, as separate processes) sharing one PostgreSQL database
 * and one S3 bucket (a real Ceph RGW), behind haproxy balancing round-robin. Each cluster gets a fresh database and
 * its own key prefix in the bucket, so clusters never see each other's data.
 */
public final class Cluster implements RegistryUnderTest {

    static final String BUCKET = "stowage-cluster-it";

    private final Map<String, String> environment;
    private final List<RegistryProcess> nodes;
    private final Balancer balancer;

    private Cluster(Map<String, String> environment, List<RegistryProcess> nodes, Balancer balancer) {
        this.environment = environment;
        this.nodes = nodes;
        this.balancer = balancer;
    }

    public static Cluster start(Path dir, int size) throws Exception {
        return start(dir, size, Map.of());
    }

    /** A cluster whose nodes also get {@code extraEnvironment}, e.g. shorter job intervals. */
    public static Cluster start(Path dir, int size, Map<String, String> extraEnvironment) throws Exception {
        PostgresServer.Database database = PostgresServer.shared().newDatabase();
        S3Endpoint s3 = S3Endpoint.fromEnvironment();
        Map<String, String> environment = new HashMap<>(Map.ofEntries(
                Map.entry("STOWAGE_STORAGE_TYPE", "s3"),
                Map.entry("STOWAGE_STORAGE_S3_ENDPOINT", s3.endpoint()),
                Map.entry("STOWAGE_STORAGE_S3_REGION", s3.region()),
                Map.entry("STOWAGE_STORAGE_S3_BUCKET", BUCKET),
                Map.entry("STOWAGE_STORAGE_S3_ACCESS_KEY", s3.accessKey()),
                Map.entry("STOWAGE_STORAGE_S3_SECRET_KEY", s3.secretKey()),
                // Short: the S3 store allows prefixes of up to 10 characters (see S3Settings).
                Map.entry("STOWAGE_STORAGE_S3_PREFIX", "c" + UUID.randomUUID().toString().substring(0, 8) + "/"),
                Map.entry("STOWAGE_METADATA_TYPE", "postgres"),
                Map.entry("STOWAGE_METADATA_POSTGRES_URL", database.url()),
                Map.entry("STOWAGE_METADATA_POSTGRES_USER", database.user()),
                Map.entry("STOWAGE_METADATA_POSTGRES_PASSWORD", database.password()),
                Map.entry("STOWAGE_METADATA_POSTGRES_MAX_CONNECTIONS", "8")));
        environment.putAll(extraEnvironment);
        List<RegistryProcess> nodes = new ArrayList<>();
        try {
            for (int i = 1; i <= size; i++) {
                nodes.add(RegistryProcess.start(dir.resolve("node" + i), environment));
            }
            Balancer balancer = Balancer.start(dir.resolve("balancer"),
                    nodes.stream().map(RegistryProcess::port).toList());
            return new Cluster(environment, nodes, balancer);
        } catch (Exception | Error e) {
            for (RegistryProcess node : nodes) {
                node.kill();
            }
            throw e;
        }
    }

    /** One node, reached directly rather than through the balancer. */
    public RegistryProcess node(int index) {
        return nodes.get(index);
    }

    /** The settings every node runs with, to start another node on the same backends. */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public int size() {
        return nodes.size();
    }

    public Balancer balancer() {
        return balancer;
    }

    @Override
    public String hostPort() {
        return balancer.hostPort();
    }

    @Override
    public URI uri(String pathAndQuery) {
        return balancer.uri(pathAndQuery);
    }

    /** Every node's log, then the balancer's. */
    @Override
    public String output() throws IOException {
        StringBuilder out = new StringBuilder();
        for (RegistryProcess node : nodes) {
            out.append(node.output());
        }
        return out.append(balancer.output()).toString();
    }

    @Override
    public int stop() throws Exception {
        int exit = 0;
        try {
            balancer.close();
        } finally {
            for (RegistryProcess node : nodes) {
                exit = node.stop();
            }
        }
        return exit;
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
