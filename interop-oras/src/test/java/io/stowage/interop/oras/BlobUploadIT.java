package io.stowage.interop.oras;

import land.oras.ContainerRef;
import land.oras.Layer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.stowage.interop.oras.BinaryFiles.MIB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK's blob upload flavours, each checked twice: the registry serves the blob back unchanged, and its access log
 * shows the requests the SDK really sent (the API names alone do not say whether an upload is chunked).
 */
class BlobUploadIT extends OrasTestBase {


    @Test
    void pushBlobChunkedFromAFileSendsOnePatchPerChunk() throws Exception {
        long size = 5L * MIB + 12_345;
        Path blob = BinaryFiles.random(dir.resolve("chunked/file.bin"), size, 11);
        ContainerRef ref = stowage.ref("oras/chunked-file");

        Layer layer = oras.pushBlobChunked(ref, blob, MIB);

        String digest = BinaryFiles.digest(blob);
        assertThat(layer.getDigest()).isEqualTo(digest);
        assertThat(fetch(ref.withDigest(digest))).isEqualTo(digest);
        assertChunked("/v2/oras/chunked-file/blobs/uploads/", size, MIB);
    }

    @Test
    void pushBlobChunkedFromAStreamSendsOnePatchPerChunk() throws Exception {
        long size = 3L * MIB;
        long chunk = 700_000;
        Path blob = BinaryFiles.random(dir.resolve("chunked/stream.bin"), size, 12);
        String digest = BinaryFiles.digest(blob);
        // The stream variant cannot hash ahead of sending: it wants the digest on the reference.
        ContainerRef ref = stowage.ref("oras/chunked-stream").withDigest(digest);

        try (InputStream in = Files.newInputStream(blob)) {
            oras.pushBlobChunked(ref, in, size, chunk);
        }

        assertThat(fetch(ref)).isEqualTo(digest);
        assertChunked("/v2/oras/chunked-stream/blobs/uploads/", size, chunk);
    }

    @Test
    void pushBlobOfAStreamSendsOneMonolithicPut() throws Exception {
        long size = 4L * MIB + 1;
        Path blob = BinaryFiles.random(dir.resolve("stream/blob.bin"), size, 13);
        String digest = BinaryFiles.digest(blob);
        ContainerRef ref = stowage.ref("oras/streamed").withDigest(digest);

        oras.pushBlob(ref, size, () -> open(blob), Map.of());

        assertThat(fetch(ref)).isEqualTo(digest);
        String uploads = "/v2/oras/streamed/blobs/uploads/";
        List<AccessLogEntry> puts = stowage.orasRequests(e -> e.method().equals("PUT")
                && e.path().startsWith(uploads), 1);
        assertThat(puts).singleElement().satisfies(put -> {
            assertThat(put.status()).isEqualTo(201);
            assertThat(put.bytesIn()).isEqualTo(size);
        });
        assertThat(stowage.orasRequests(e -> e.method().equals("PATCH") && e.path().startsWith(uploads), 0))
                .isEmpty();
    }

    @Test
    void pushBlobOfAFileIsASinglePostWithTheDigest() throws Exception {
        long size = 2L * MIB + 3;
        Path blob = BinaryFiles.random(dir.resolve("monolithic/blob.bin"), size, 14);
        String digest = BinaryFiles.digest(blob);
        ContainerRef ref = stowage.ref("oras/monolithic");

        oras.pushBlob(ref, blob);

        assertThat(fetch(ref.withDigest(digest))).isEqualTo(digest);
        // POST /blobs/uploads/?digest=... with the whole blob as its body: the registry completes it at once.
        List<AccessLogEntry> posts = stowage.orasRequests(e -> e.method().equals("POST")
                && e.path().equals("/v2/oras/monolithic/blobs/uploads/"), 1);
        assertThat(posts).singleElement().satisfies(post -> {
            assertThat(post.status()).isEqualTo(201);
            assertThat(post.bytesIn()).isEqualTo(size);
        });
    }

    /**
     * The session's requests: one POST, PATCHes of {@code chunk} bytes but one shorter last chunk, a closing PUT
     * without body. Compared as a multiset, not in log order: against a cluster the requests are spread over several
     * nodes' logs, whose lines interleave only to the millisecond. (The order itself is enforced by the registry,
     * which answers a PATCH that does not start where the session stands with 416.)
     */
    private static void assertChunked(String uploads, long size, long chunk) throws Exception {
        int chunks = (int) ((size + chunk - 1) / chunk);
        List<AccessLogEntry> session = stowage.orasRequests(e -> e.path().startsWith(uploads), chunks + 2);
        assertThat(session).extracting(AccessLogEntry::method).filteredOn("POST"::equals).hasSize(1);
        assertThat(session).extracting(AccessLogEntry::method).filteredOn("PUT"::equals).hasSize(1);
        List<AccessLogEntry> patches = session.stream().filter(e -> e.method().equals("PATCH")).toList();
        assertThat(patches).hasSize(chunks).allSatisfy(patch -> assertThat(patch.status()).isEqualTo(202));
        long last = size - (chunks - 1) * chunk;
        List<Long> expectedSizes = new ArrayList<>(Collections.nCopies(chunks - 1, chunk));
        expectedSizes.add(last);
        assertThat(patches).extracting(AccessLogEntry::bytesIn).containsExactlyInAnyOrderElementsOf(expectedSizes);
        AccessLogEntry put = session.stream().filter(e -> e.method().equals("PUT")).findFirst().orElseThrow();
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.bytesIn()).isZero();
    }

    /** Fetches the blob to a file and answers its digest, computed here. */
    private static String fetch(ContainerRef blobRef) throws Exception {
        Path out = Files.createTempFile(dir, "fetched", ".bin");
        oras.fetchBlob(blobRef, out);
        return BinaryFiles.digest(out);
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
