package io.stowage.http.spec;

import io.stowage.oci.Digest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Verification on read (on by default): a download of a whole blob is hashed on the way out, and a blob whose stored
 * bytes no longer match its digest is never delivered complete. Once the response has started, the connection is
 * cut before the last bytes (fewer bytes than Content-Length: the client sees a failed transfer); a blob small
 * enough to be checked before anything goes out is a plain {@code BLOB_UNKNOWN}. Either way the blob is marked
 * corrupt, as the scrub would mark it, and no GET or HEAD serves it again until it is pushed anew. A Range of part of
 * a blob is served unverified.
 */
class VerifyOnReadTest extends SpecTestBase {

    private static final int LARGE = 1024 * 1024 + 17;

    @Test
    void aSoundBlobIsServedWholeAndStaysUnmarked() {
        byte[] content = random(LARGE, 1);
        String digest = client.pushBlob("verify/sound", content);
        Response get = client.get("/v2/verify/sound/blobs/" + digest);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(content);
        assertThat(registry.metadata().scrub().isCorrupt(Digest.parse(digest))).isFalse();
    }

    @Test
    void aLargeBlobChangedOnDiskIsCutOffBeforeItsEndAndThenNoLongerServed() throws Exception {
        byte[] content = random(LARGE, 2);
        String digest = client.pushBlob("verify/large", content);
        flipLastByte(digest);

        // A real client: the transfer fails, it never gets a body.
        assertThatThrownBy(() -> client.get("/v2/verify/large/blobs/" + digest))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);

        assertThat(registry.metadata().scrub().isCorrupt(Digest.parse(digest))).isTrue();
        assertNotServed("verify/large", digest);
    }

    @Test
    void onTheWireTheResponseEndsShortOfItsContentLength() throws Exception {
        byte[] content = random(LARGE, 3);
        String digest = client.pushBlob("verify/wire", content);
        flipLastByte(digest);

        byte[] raw = rawGet("/v2/verify/wire/blobs/" + digest);
        int end = headerEnd(raw);
        String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        assertThat(head).startsWith("HTTP/1.1 200");
        long declared = Long.parseLong(header(head, "Content-Length"));
        int received = raw.length - end - 4;
        assertThat(declared).isEqualTo(LARGE);
        // Everything but the last buffer went out; the last one, which held the bad byte, never did.
        assertThat(received).isPositive().isLessThan(LARGE);
        assertThat(Arrays.copyOfRange(raw, end + 4, raw.length)).isEqualTo(Arrays.copyOf(content, received));
        assertNotServed("verify/wire", digest);
    }

    @Test
    void aSmallCorruptBlobIsFoundBeforeAnythingGoesOutAndIsAPlainBlobUnknown() throws Exception {
        byte[] content = "a small blob that fits one buffer".getBytes(StandardCharsets.UTF_8);
        String digest = client.pushBlobStreamed("verify/small", content);
        flipLastByte(digest);

        assertRefusedWholeAsCorrupt("verify/small", digest);
    }

    @Test
    void aCorruptBlobKeptInlineIsFoundBeforeAnythingGoesOutAndIsAPlainBlobUnknown() throws Exception {
        byte[] content = "a small blob kept in the metadata store".getBytes(StandardCharsets.UTF_8);
        String digest = client.pushBlob("verify/inline", content);
        byte[] damaged = content.clone();
        damaged[damaged.length - 1] ^= 0x5a;
        registry.overwriteInlineBlob(digest, damaged);

        Response range = client.get("/v2/verify/inline/blobs/" + digest, "Range", "bytes=0-3");
        assertThat(range.status()).as("a range is served unverified, as from a file").isEqualTo(206);

        assertRefusedWholeAsCorrupt("verify/inline", digest);

        client.pushBlob("verify/inline", content);
        Response repaired = client.get("/v2/verify/inline/blobs/" + digest);
        assertThat(repaired.status()).as("a push of the same blob repairs it").isEqualTo(200);
        assertThat(repaired.body()).isEqualTo(content);
    }

    /** A whole download found corrupt before anything went out: a plain BLOB_UNKNOWN, and marked corrupt. */
    private static void assertRefusedWholeAsCorrupt(String repository, String digest) throws Exception {
        Response get = client.get("/v2/" + repository + "/blobs/" + digest);
        OciAssertions.assertError(get, 404, "BLOB_UNKNOWN");
        assertThat(get.header("Docker-Content-Digest")).isNull();
        assertThat(get.header("ETag")).isNull();
        assertThat(registry.metadata().scrub().isCorrupt(Digest.parse(digest))).isTrue();
        assertNotServed(repository, digest);
    }

    @Test
    void aTruncatedBlobIsCutOffToo() throws Exception {
        byte[] content = random(LARGE, 4);
        String digest = client.pushBlob("verify/short", content);
        try (FileChannel file = FileChannel.open(file(digest), StandardOpenOption.WRITE)) {
            file.truncate(LARGE - 1000);
        }
        assertThatThrownBy(() -> client.get("/v2/verify/short/blobs/" + digest))
                .isInstanceOf(UncheckedIOException.class);
        assertNotServed("verify/short", digest);
    }

    @Test
    void aRangeOfPartOfABlobIsNotVerifiedButARangeOfAllOfItIs() throws Exception {
        byte[] content = random(LARGE, 5);
        String digest = client.pushBlob("verify/range", content);
        flipLastByte(digest);

        Response part = client.get("/v2/verify/range/blobs/" + digest, "Range", "bytes=0-99");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOf(content, 100));
        assertThat(registry.metadata().scrub().isCorrupt(Digest.parse(digest))).isFalse();

        assertThatThrownBy(() -> client.get("/v2/verify/range/blobs/" + digest, "Range", "bytes=0-"))
                .isInstanceOf(UncheckedIOException.class);
        assertNotServed("verify/range", digest);
    }

    @Test
    void aPushOfTheSameBlobRepairsIt() throws Exception {
        byte[] content = random(LARGE, 6);
        String digest = client.pushBlob("verify/repair", content);
        flipLastByte(digest);
        assertThatThrownBy(() -> client.get("/v2/verify/repair/blobs/" + digest))
                .isInstanceOf(UncheckedIOException.class);
        assertNotServed("verify/repair", digest);

        client.pushBlob("verify/repair", content);
        Response get = client.get("/v2/verify/repair/blobs/" + digest);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(content);
    }

    private static void assertNotServed(String repository, String digest) {
        OciAssertions.assertError(client.get("/v2/" + repository + "/blobs/" + digest), 404, "BLOB_UNKNOWN");
        Response head = client.head("/v2/" + repository + "/blobs/" + digest);
        assertThat(head.status()).isEqualTo(404);
    }

    private static Path file(String digest) {
        String hex = Digest.parse(digest).encoded();
        return registry.directory().resolve("blobs").resolve("blobs").resolve("sha256").resolve(hex.substring(0, 2))
                .resolve(hex);
    }

    private static void flipLastByte(String digest) throws IOException {
        Path file = file(digest);
        assertThat(file).exists();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long last = channel.size() - 1;
            ByteBuffer b = ByteBuffer.allocate(1);
            channel.read(b, last);
            b.put(0, (byte) (b.get(0) ^ 0x5a)).rewind();
            channel.write(b, last);
        }
        assertThat(Files.size(file)).isPositive();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Everything the server sends to a GET until it closes or resets the connection. */
    private static byte[] rawGet(String target) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", registry.port()), 10_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // A reset after the cut: what arrived before it is what the client got.
            }
            return out.toByteArray();
        }
    }

    private static int headerEnd(byte[] raw) {
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no response head in " + raw.length + " bytes");
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT)
                    .equals(name.toLowerCase(Locale.ROOT))) {
                return line.substring(colon + 1).trim();
            }
        }
        throw new AssertionError("no " + name + " in " + head);
    }
}
