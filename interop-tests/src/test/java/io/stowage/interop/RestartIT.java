package io.stowage.interop;

import io.stowage.interop.ManifestJson.Descriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability across process restarts, with the registry started as users start it: what a client was told is stored
 * (201) is there, byte for byte, after a graceful stop (SIGTERM) and after a crash (SIGKILL); an upload session
 * survives the restart and can be resumed where the registry says it stands.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RestartIT {

    private static final String APP = "restart/app";
    private static final String OTHER = "restart/other";
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    /** Something pushed and acknowledged: pulling {@code reference} from {@code repository} must give {@code content}. */
    private record Pushed(String repository, String reference, byte[] content, boolean manifest) {

        void verify(OciHttp oci) throws Exception {
            if (manifest) {
                OciHttp.Manifest pulled = oci.getManifest(repository, reference);
                assertThat(pulled.content()).as("manifest %s@%s", repository, reference).isEqualTo(content);
                assertThat(pulled.digest()).isEqualTo(Sha256.digestOf(content));
            } else {
                assertThat(oci.getBlob(repository, reference)).as("blob %s@%s", repository, reference)
                        .isEqualTo(content);
                HttpResponse<Void> head = oci.head("/v2/" + repository + "/blobs/" + reference);
                assertThat(head.statusCode()).isEqualTo(200);
                assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
            }
        }

        @Override
        public String toString() {
            return repository + "@" + reference;
        }
    }

    @Test
    void everythingPushedSurvivesAGracefulRestartAndAnUploadResumes() throws Exception {
        byte[] resumable = SeededBytes.bytes(77, 10 * MIB + 12_345);
        int sentBeforeStop = 3 * 2 * MIB;
        try (RegistryProcess registry = RegistryProcess.start(tmp.resolve("data"))) {
            List<Pushed> pushed;
            OciHttp.Upload halfDone;
            try (OciHttp oci = OciHttp.to(registry)) {
                pushed = pushImages(oci);
                halfDone = oci.startUpload(APP);
                for (int offset = 0; offset < sentBeforeStop; offset += 2 * MIB) {
                    halfDone = oci.patch(halfDone, Arrays.copyOfRange(resumable, offset, offset + 2 * MIB));
                }
            }

            GracefulStop.stopAndCheck(registry);
            registry.restart();

            try (OciHttp oci = OciHttp.to(registry)) {
                for (Pushed p : pushed) {
                    p.verify(oci);
                }
                // The session's bytes are on disk but its running hash was only in the old process's memory: the
                // registry must report the stored length and still verify the digest over all of the bytes.
                assertThat(oci.uploadRange(halfDone)).isEqualTo("0-" + (sentBeforeStop - 1));
                OciHttp.Upload resumed = oci.uploadStatus(halfDone);
                assertThat(resumed.received()).isEqualTo(sentBeforeStop);
                resumed = oci.patch(resumed, Arrays.copyOfRange(resumable, sentBeforeStop, resumable.length));
                String digest = Sha256.digestOf(resumable);
                oci.completeUpload(resumed, digest);
                assertThat(oci.getBlob(APP, digest)).isEqualTo(resumable);
            }
        }
    }

    @Test
    void acknowledgedPushesSurviveASigkill() throws Exception {
        List<Pushed> acknowledged = Collections.synchronizedList(new ArrayList<>());
        List<Pushed> attempted = Collections.synchronizedList(new ArrayList<>());
        byte[] sessionBytes = SeededBytes.bytes(99, 3 * MIB);
        try (RegistryProcess registry = RegistryProcess.start(tmp.resolve("data"))) {
            OciHttp.Upload session;
            try (OciHttp oci = OciHttp.to(registry)) {
                session = oci.patch(oci.startUpload(APP), Arrays.copyOfRange(sessionBytes, 0, 2 * MIB));
            }
            // A writer keeps pushing while the registry is killed under it, so the crash hits mid-request.
            CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(
                    () -> pushUntilFailure(registry, attempted, acknowledged),
                    task -> Thread.ofPlatform().name("kill-writer").daemon().start(task));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (acknowledged.size() < 60 && !writer.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (writer.isDone()) {
                throw new AssertionError("the writer failed before the kill", writer.join());
            }
            registry.kill();
            writer.get(1, TimeUnit.MINUTES);
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(60);

            registry.restart();

            try (OciHttp oci = OciHttp.to(registry)) {
                List<Pushed> verified;
                synchronized (acknowledged) {
                    verified = List.copyOf(acknowledged);
                }
                for (Pushed p : verified) {
                    p.verify(oci);
                }
                // What was in flight at the kill may be absent, but never present with other bytes.
                for (Pushed p : attempted) {
                    if (!verified.contains(p) && !p.manifest()) {
                        HttpResponse<byte[]> response = oci.get("/v2/" + p.repository() + "/blobs/" + p.reference());
                        assertThat(response.statusCode()).as("in-flight %s", p).isIn(200, 404);
                        if (response.statusCode() == 200) {
                            assertThat(response.body()).isEqualTo(p.content());
                        }
                    }
                }
                // A PATCH acknowledged with 202 was forced to disk before the answer.
                assertThat(oci.uploadRange(session)).isEqualTo("0-" + (2 * MIB - 1));
                OciHttp.Upload resumed = oci.patch(oci.uploadStatus(session),
                        Arrays.copyOfRange(sessionBytes, 2 * MIB, sessionBytes.length));
                oci.completeUpload(resumed, Sha256.digestOf(sessionBytes));
                assertThat(oci.getBlob(APP, Sha256.digestOf(sessionBytes))).isEqualTo(sessionBytes);
            }
        }
    }

    @Test
    void anUploadCutBySigkillMidChunkResumesWhereTheRegistrySaysItStands() throws Exception {
        long total = 8 * MIB;
        long acknowledged = 2 * MIB;
        long cutChunk = 4 * MIB;
        long heldAfter = 3 * MIB;
        String digest = SeededBytes.digest(55, total);
        try (RegistryProcess registry = RegistryProcess.start(tmp.resolve("data"))) {
            OciHttp.Upload session;
            try (OciHttp oci = OciHttp.to(registry, Duration.ofSeconds(30))) {
                session = oci.patch(oci.startUpload(APP), acknowledged, () -> new SeededBytes(55, 0, acknowledged));
                HeldStream held = new HeldStream(new SeededBytes(55, acknowledged, cutChunk), heldAfter);
                OciHttp.Upload open = session;
                CompletableFuture<OciHttp.Upload> cut = CompletableFuture.supplyAsync(() -> {
                    try {
                        return oci.patch(open, cutChunk, () -> held);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, task -> Thread.ofPlatform().name("cut-patch").daemon().start(task));
                assertThat(held.reachedHold.await(1, TimeUnit.MINUTES)).as("PATCH sent 3 of its 4 MiB").isTrue();
                registry.kill();
                held.release.countDown();
                assertThat(cut).failsWithin(1, TimeUnit.MINUTES);
            }

            registry.restart();

            try (OciHttp oci = OciHttp.to(registry)) {
                // The cut chunk may be stored in part: whatever reached the file before the kill is the client's,
                // and the registry's Range tells where to go on.
                OciHttp.Upload resumed = oci.uploadStatus(session);
                long stands = resumed.received();
                assertThat(stands).isBetween(acknowledged, acknowledged + heldAfter);
                resumed = oci.patch(resumed, total - stands, () -> new SeededBytes(55, stands, total - stands));
                oci.completeUpload(resumed, digest);
                assertThat(oci.pullBlob(APP, digest)).isEqualTo(new Sha256(total, digest));
            }
        }
    }

    /**
     * Pushes a blob (alternately monolithic and chunked) and a manifest tagged for it, over and over, recording each
     * push before it is sent and again once acknowledged; returns the first failure (expected: the kill).
     */
    private static Throwable pushUntilFailure(RegistryProcess registry, List<Pushed> attempted, List<Pushed> acknowledged) {
        Descriptor config;
        try (OciHttp oci = OciHttp.to(registry, Duration.ofSeconds(30))) {
            byte[] configBytes = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
            oci.pushBlob(APP, configBytes);
            config = Descriptor.of(ManifestJson.CONFIG, configBytes);
            for (int i = 0; ; i++) {
                byte[] layer = SeededBytes.bytes(1000 + i, 64 * 1024 + 997 * i);
                Pushed blob = new Pushed(APP, Sha256.digestOf(layer), layer, false);
                attempted.add(blob);
                if (i % 2 == 0) {
                    oci.pushBlob(APP, layer);
                } else {
                    oci.pushBlobChunked(APP, layer, 40 * 1024);
                }
                acknowledged.add(blob);
                byte[] manifest = ManifestJson.image(config, List.of(Descriptor.of(ManifestJson.LAYER, layer)),
                        "kill-" + i);
                Pushed tagged = new Pushed(APP, "t" + i, manifest, true);
                attempted.add(tagged);
                oci.pushManifest(APP, "t" + i, OciHttp.OCI_MANIFEST, manifest);
                acknowledged.add(tagged);
                acknowledged.add(new Pushed(APP, Sha256.digestOf(manifest), manifest, true));
            }
        } catch (Exception | AssertionError failure) {
            // At the kill, the registry died under the request; everything acknowledged before is recorded.
            return failure;
        }
    }

    /**
     * Two repositories: blobs pushed monolithically, chunked and empty, two tagged images, an index under two tags,
     * an untagged manifest, and a blob and manifest shared with a second repository.
     */
    private static List<Pushed> pushImages(OciHttp oci) throws Exception {
        List<Pushed> pushed = new ArrayList<>();
        byte[] config1 = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] config2 = "{\"architecture\":\"arm64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] layer1 = SeededBytes.bytes(1, MIB + 3);
        byte[] layer2 = SeededBytes.bytes(2, 3 * MIB + 5);
        byte[] empty = new byte[0];
        for (byte[] blob : List.of(config1, config2, layer1, empty)) {
            pushed.add(new Pushed(APP, oci.pushBlob(APP, blob), blob, false));
        }
        pushed.add(new Pushed(APP, oci.pushBlobChunked(APP, layer2, MIB), layer2, false));

        byte[] image1 = ManifestJson.image(Descriptor.of(ManifestJson.CONFIG, config1),
                List.of(Descriptor.of(ManifestJson.LAYER, layer1), Descriptor.of(ManifestJson.LAYER, empty)), "one");
        byte[] image2 = ManifestJson.image(Descriptor.of(ManifestJson.CONFIG, config2),
                List.of(Descriptor.of(ManifestJson.LAYER, layer2)), "two");
        byte[] untagged = ManifestJson.image(Descriptor.of(ManifestJson.CONFIG, config1),
                List.of(Descriptor.of(ManifestJson.LAYER, layer2)), "untagged");
        byte[] index = ManifestJson.index(List.of(Descriptor.of(OciHttp.OCI_MANIFEST, image1),
                Descriptor.of(OciHttp.OCI_MANIFEST, image2)));
        pushManifest(oci, pushed, APP, "v1", OciHttp.OCI_MANIFEST, image1);
        pushManifest(oci, pushed, APP, "v2", OciHttp.OCI_MANIFEST, image2);
        pushManifest(oci, pushed, APP, Sha256.digestOf(untagged), OciHttp.OCI_MANIFEST, untagged);
        pushManifest(oci, pushed, APP, "latest", OciHttp.OCI_INDEX, index);
        pushManifest(oci, pushed, APP, "stable", OciHttp.OCI_INDEX, index);

        for (byte[] blob : List.of(config1, layer1, empty)) {
            pushed.add(new Pushed(OTHER, oci.pushBlob(OTHER, blob), blob, false));
        }
        pushManifest(oci, pushed, OTHER, "copy", OciHttp.OCI_MANIFEST, image1);
        return pushed;
    }

    /** Pushes and records the manifest under its reference and under its digest. */
    private static void pushManifest(OciHttp oci, List<Pushed> pushed, String repository, String reference,
                                     String mediaType, byte[] content) throws Exception {
        String digest = oci.pushManifest(repository, reference, mediaType, content);
        pushed.add(new Pushed(repository, reference, content, true));
        pushed.add(new Pushed(repository, digest, content, true));
    }
}
