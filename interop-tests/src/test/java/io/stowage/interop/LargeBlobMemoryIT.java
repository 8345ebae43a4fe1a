package io.stowage.interop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blobs far larger than the registry's heap (2 GiB through {@code -Xmx256m}), pushed monolithically and in 64 MiB
 * chunks and pulled back: the registry must stream, never buffer. The client streams too: the blobs exist only as
 * {@link SeededBytes} generators and are compared by digest.
 *
 * <p>Writes twice the blob size to disk; {@code -Dstowage.it.largeBlobMiB=N} makes the blobs N MiB instead.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class LargeBlobMemoryIT {

    private static final long MIB = 1024 * 1024;
    private static final long CHUNK = 64 * MIB;
    private static final String REPOSITORY = "large/blobs";

    @TempDir
    Path tmp;

    @Test
    void blobsEightTimesTheHeapGoThroughMonolithicAndChunked() throws Exception {
        long size = Long.getLong("stowage.it.largeBlobMiB", 2048) * MIB;
        Path data = tmp.resolve("data");
        try (RegistryProcess registry = RegistryProcess.start(data, "-Xmx256m");
             OciHttp oci = OciHttp.to(registry, Duration.ofMinutes(20))) {

            // The digest first, by a pass over the same generator, as a client that streams from disk would.
            String monolithic = SeededBytes.digest(1, size);
            oci.pushBlob(REPOSITORY, monolithic, size, () -> new SeededBytes(1, 0, size));
            assertThat(oci.pullBlob(REPOSITORY, monolithic)).isEqualTo(new Sha256(size, monolithic));

            String chunked = SeededBytes.digest(2, size);
            OciHttp.Upload upload = oci.startUpload(REPOSITORY);
            for (long offset = 0; offset < size; offset += CHUNK) {
                long start = offset;
                long length = Math.min(CHUNK, size - offset);
                upload = oci.patch(upload, length, () -> new SeededBytes(2, start, length));
            }
            oci.completeUpload(upload, chunked);
            assertThat(oci.pullBlob(REPOSITORY, chunked)).isEqualTo(new Sha256(size, chunked));

            // Ranged reads at the far end: offsets near 2^31 are where int arithmetic would break.
            for (long seed : new long[] {1, 2}) {
                String digest = seed == 1 ? monolithic : chunked;
                long first = size - 4099;
                assertThat(oci.getBlobRange(REPOSITORY, digest, first, size - 1, size))
                        .isEqualTo(new SeededBytes(seed, first, 4099).readAllBytes());
            }

            assertThat(oci.get("/healthz").statusCode()).as("registry alive").isEqualTo(200);
            assertThat(registry.output()).doesNotContain("OutOfMemoryError").doesNotContain(" ERROR ");
            // 143 proves it was still running when told to stop (an OOM exit or a crash would give another code).
            GracefulStop.stopAndCheck(registry);
        } finally {
            deleteRecursively(data); // 4 GiB: do not leave it for the end of the run
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
