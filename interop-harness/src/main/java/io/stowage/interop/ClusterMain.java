package io.stowage.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a scale-out cluster outside the tests, for benchmarks: {@code java -Dstowage.jar=JAR ClusterMain DIR NODES}
 * prints the balancer's URL, then runs until it is stopped (SIGTERM or Ctrl-C), taking the cluster down with it.
 * Needs the S3 variables of {@code ../shared/s3/ceph-rgw-up.sh} and the PostgreSQL JDBC driver on the classpath.
 */
public final class ClusterMain {

    private ClusterMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ClusterMain DIR NODES");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        Cluster cluster = Cluster.start(dir, Integer.parseInt(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.close();
                PostgresServer.shared().close();
            } catch (Exception e) {
                System.err.println("stopping the cluster: " + e);
            }
            stopped.countDown();
        }));
        System.out.println(cluster.uri("").toString());
        System.out.flush();
        stopped.await();
    }
}
