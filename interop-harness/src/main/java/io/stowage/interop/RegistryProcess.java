package io.stowage.interop;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The registry started exactly as users start it: {@code java -jar stowage.jar serve --listen ... --data ...}, as a
 * separate process, on a free loopback port. Its output goes to {@code <data>/../registry-<port>.log}. Plain HTTP, or
 * HTTPS with {@link #startHttps}.
 */
public final class RegistryProcess implements RegistryUnderTest {

    private final Path data;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final int port;
    /** Null for plain HTTP; with HTTPS, what the readiness checks trust. */
    private final SSLContext trust;
    private Process process;
    private Path log;

    private RegistryProcess(Path data, Map<String, String> environment, List<String> jvmOptions, int port,
                            SSLContext trust) {
        this.data = data;
        this.environment = Map.copyOf(environment);
        this.jvmOptions = jvmOptions;
        this.port = port;
        this.trust = trust;
    }

    public static RegistryProcess start(Path data, String... jvmOptions) throws Exception {
        return start(data, Map.of(), jvmOptions);
    }

    /**
     * Starts the registry with extra environment variables, e.g. {@code STOWAGE_STORAGE_TYPE=s3} and the rest of a
     * scale-out backend's settings. {@code data} still names where the log goes (its sibling).
     */
    public static RegistryProcess start(Path data, Map<String, String> environment, String... jvmOptions)
            throws Exception {
        RegistryProcess registry = new RegistryProcess(data, environment, List.of(jvmOptions), freePort(), null);
        registry.launch();
        return registry;
    }

    /**
     * Starts the registry serving HTTPS from PEM files ({@code STOWAGE_TLS_CERTIFICATE}, {@code STOWAGE_TLS_KEY});
     * {@code trust} is what the harness's own readiness checks trust (the test's CA).
     */
    public static RegistryProcess startHttps(Path data, Path certificate, Path key, SSLContext trust,
                                             String... jvmOptions) throws Exception {
        RegistryProcess registry = new RegistryProcess(data, Map.of(
                "STOWAGE_TLS_CERTIFICATE", certificate.toString(),
                "STOWAGE_TLS_KEY", key.toString()), List.of(jvmOptions), freePort(), trust);
        registry.launch();
        return registry;
    }

    /** The runnable jar built by registry-server (failsafe passes its path). */
    public static Path jar() {
        String jar = System.getProperty("stowage.jar");
        if (jar == null) {
            throw new IllegalStateException("system property stowage.jar is not set");
        }
        return Path.of(jar);
    }

    public static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private void launch() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString(), "serve", "--listen", "127.0.0.1:" + port,
                "--data", data.toString()));
        log = data.resolveSibling("registry-" + port + "-" + System.nanoTime() + ".log");
        Files.createDirectories(data.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        awaitReady(Duration.ofSeconds(60));
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (trust != null) {
            builder.sslContext(trust);
        }
        HttpClient client = builder.build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("registry exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri("/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("registry not ready in " + timeout + ":\n" + output());
    }

    public int port() {
        return port;
    }

    @Override
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    @Override
    public URI uri(String pathAndQuery) {
        return URI.create((trust == null ? "http" : "https") + "://127.0.0.1:" + port + pathAndQuery);
    }

    public Path data() {
        return data;
    }

    @Override
    public String output() throws IOException {
        return log == null || !Files.exists(log) ? "" : Files.readString(log);
    }

    /** SIGTERM, then wait: the graceful path users get from {@code kill} or their service manager. */
    @Override
    public int stop() throws Exception {
        if (process == null || !process.isAlive()) {
            return process == null ? 0 : process.exitValue();
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    /** SIGKILL: a crash. */
    public void kill() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Starts the registry again on the same port and data directory. */
    public void restart() throws Exception {
        stop();
        launch();
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
