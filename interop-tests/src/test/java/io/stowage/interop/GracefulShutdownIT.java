package io.stowage.interop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while a transfer is in flight: the transfer finishes (the registry drains in-flight requests for up to its
 * stop timeout, 30 s by default), new connections are refused as soon as the shutdown begins, and the process exits
 * with the JVM's SIGTERM status (see {@link GracefulStop} for why that is 143).
 *
 * <p>The transfers are held mid-way by the test itself (the client stops reading, or stops sending), so "in
 * flight at the SIGTERM" is certain rather than a matter of timing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GracefulShutdownIT {

    private static final String REPOSITORY = "graceful/blobs";
    private static final long MIB = 1024 * 1024;
    /** Far more than loopback socket buffers hold: the registry is still writing or reading when the test pauses. */
    private static final long SIZE = 64 * MIB;

    @TempDir
    Path tmp;

    @Test
    void aDownloadInFlightAtSigtermCompletes() throws Exception {
        String digest = SeededBytes.digest(5, SIZE);
        try (RegistryProcess registry = RegistryProcess.start(tmp.resolve("data"));
             OciHttp oci = OciHttp.to(registry)) {
            oci.pushBlob(REPOSITORY, digest, SIZE, () -> new SeededBytes(5, 0, SIZE));

            HttpResponse<InputStream> download = OciHttp.expect(
                    oci.getStreaming("/v2/" + REPOSITORY + "/blobs/" + digest), 200);
            InputStream body = download.body();
            byte[] start = body.readNBytes((int) MIB);
            // The client reads no further for now: the registry's response is stuck on full socket buffers.

            CompletableFuture<Integer> exit = sigterm(registry);
            awaitShutdownStarted(registry);
            awaitRefused(registry);
            assertThat(exit).as("the process waits for the download").isNotDone();

            Sha256 downloaded = Sha256.of(new SequenceInputStream(new ByteArrayInputStream(start), body));
            assertThat(downloaded).isEqualTo(new Sha256(SIZE, digest));
            assertThat(exit.get(1, TimeUnit.MINUTES)).as("exit code; log:\n%s", registry.output())
                    .isEqualTo(GracefulStop.SIGTERM_EXIT_CODE);
            assertThat(registry.output()).contains(GracefulStop.SHUTDOWN_FINISHED);
        }
    }

    @Test
    void anUploadInFlightAtSigtermCompletesAndIsStored() throws Exception {
        String digest = SeededBytes.digest(6, SIZE);
        try (RegistryProcess registry = RegistryProcess.start(tmp.resolve("data"));
             OciHttp oci = OciHttp.to(registry)) {
            HeldStream held = new HeldStream(new SeededBytes(6, 0, SIZE), SIZE / 2);
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
                try {
                    oci.pushBlob(REPOSITORY, digest, SIZE, () -> held);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, task -> Thread.ofPlatform().name("held-upload").daemon().start(task));
            assertThat(held.reachedHold.await(1, TimeUnit.MINUTES)).as("upload reached half-way").isTrue();

            CompletableFuture<Integer> exit = sigterm(registry);
            awaitShutdownStarted(registry);
            awaitRefused(registry);
            assertThat(exit).as("the process waits for the upload").isNotDone();

            held.release.countDown();
            upload.get(1, TimeUnit.MINUTES); // pushBlob checked the 201 and the digest header
            assertThat(exit.get(1, TimeUnit.MINUTES)).as("exit code; log:\n%s", registry.output())
                    .isEqualTo(GracefulStop.SIGTERM_EXIT_CODE);
            assertThat(registry.output()).contains(GracefulStop.SHUTDOWN_FINISHED);

            // Acknowledged during the shutdown, so it must be stored like any other.
            registry.restart();
            try (OciHttp again = OciHttp.to(registry)) {
                assertThat(again.pullBlob(REPOSITORY, digest)).isEqualTo(new Sha256(SIZE, digest));
            }
        }
    }

    /** SIGTERM from another thread: {@link RegistryProcess#stop()} waits for the exit. */
    private static CompletableFuture<Integer> sigterm(RegistryProcess registry) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return registry.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, task -> Thread.ofPlatform().name("sigterm").daemon().start(task));
    }

    private static void awaitShutdownStarted(RegistryProcess registry) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!registry.output().contains(GracefulStop.SHUTDOWN_STARTED)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no shutdown in the log after SIGTERM:\n" + registry.output());
            }
            Thread.sleep(20);
        }
    }

    /**
     * The listening socket closes right after the shutdown hook starts; a connect may still slip in just before,
     * so this retries until refused (the deadline is only a safety net).
     */
    private static void awaitRefused(RegistryProcess registry) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", registry.port()), (int) Duration.ofSeconds(2)
                        .toMillis());
            } catch (ConnectException refused) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("new connections still accepted after the shutdown began");
            }
            Thread.sleep(20);
        }
    }
}
