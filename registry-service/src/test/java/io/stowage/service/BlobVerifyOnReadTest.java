package io.stowage.service;

import io.stowage.metadata.BlobRecord;
import io.stowage.metadata.MetadataStore;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.BlobUnknownException;
import io.stowage.storage.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BlobService#openWhole}: with verification on read, the read that would complete a blob that does not match
 * its digest throws instead; stored bytes that are wrong mark the blob corrupt, a bad read does not. Without it, the
 * bytes go out as stored.
 */
class BlobVerifyOnReadTest {

    private static final RepositoryName REPO = RepositoryName.parse("team/app");
    private static final int BUFFER = 64 * 1024;

    @TempDir
    Path dir;
    private EmbeddedBackends backends;
    private MetadataStore metadata;
    private Registry registry;

    @BeforeEach
    void open() {
        backends = EmbeddedBackends.open(dir);
        metadata = backends.metadata();
        registry = Registry.over(backends.objects(), metadata, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        backends.close();
    }

    @Test
    void soundBytesComeThroughWhole() throws Exception {
        String content = "x".repeat(300_000);
        Digest digest = push(content);
        BlobService blobs = registry.blobs();
        assertThat(readAll(blobs.openWhole(blobs.stat(REPO, digest)))).isEqualTo(content.getBytes());
        assertThat(metadata.scrub().isCorrupt(digest)).isFalse();
    }

    @Test
    void changedBytesNeverComeThroughWholeAndMarkTheBlobCorrupt() throws Exception {
        String content = "y".repeat(300_000);
        Digest digest = push(content);
        Files.writeString(file(digest), "z" + content.substring(1));
        BlobService blobs = registry.blobs();
        BlobRecord blob = blobs.stat(REPO, digest);

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        assertThatThrownBy(() -> readInto(blobs.openWhole(blob), received, blob.size()))
                .isInstanceOf(BlobUnknownException.class);
        // Every buffer but the one that would have completed the blob was handed out.
        assertThat(received.size()).isLessThan(content.length()).isGreaterThan(0);
        assertThat(metadata.scrub().isCorrupt(digest)).isTrue();
        assertThatThrownBy(() -> blobs.stat(REPO, digest)).isInstanceOf(BlobUnknownException.class);
    }

    @Test
    void bytesThatEndEarlyAreAMismatchToo() throws Exception {
        String content = "w".repeat(300_000);
        Digest digest = push(content);
        Files.writeString(file(digest), content.substring(0, 200_000));
        BlobService blobs = registry.blobs();
        BlobRecord blob = blobs.stat(REPO, digest);

        assertThatThrownBy(() -> readInto(blobs.openWhole(blob), new ByteArrayOutputStream(), blob.size()))
                .isInstanceOf(BlobUnknownException.class);
        assertThat(metadata.scrub().isCorrupt(digest)).isTrue();
    }

    @Test
    void aBadReadOfSoundStoredBytesFailsTheReadButLeavesTheBlobServed() throws Exception {
        String content = "v".repeat(300_000);
        Digest digest = push(content);
        // The channel a download reads garbles a byte; the stored bytes, re-read to check, are fine.
        BlobService blobs = new BlobService(new GarblingChannels(backends.objects()), metadata, Clock.systemUTC(),
                true);
        BlobRecord blob = blobs.stat(REPO, digest);

        assertThatThrownBy(() -> readInto(blobs.openWhole(blob), new ByteArrayOutputStream(), blob.size()))
                .isInstanceOf(IOException.class).hasMessageContaining("did not match its digest");
        assertThat(metadata.scrub().isCorrupt(digest)).isFalse();
        assertThat(blobs.stat(REPO, digest).size()).isEqualTo(content.length());
    }

    @Test
    void withoutVerificationTheBytesGoOutAsStored() throws Exception {
        String content = "u".repeat(300_000);
        Digest digest = push(content);
        String changed = "t" + content.substring(1);
        Files.writeString(file(digest), changed);
        BlobService blobs = new BlobService(backends.objects(), metadata, Clock.systemUTC(), false);
        assertThat(blobs.verifiesOnRead()).isFalse();

        assertThat(readAll(blobs.openWhole(blobs.stat(REPO, digest)))).isEqualTo(changed.getBytes());
        assertThat(metadata.scrub().isCorrupt(digest)).isFalse();
    }

    @Test
    void aPartIsReadUnverified() throws Exception {
        String content = "s".repeat(300_000);
        Digest digest = push(content);
        Files.writeString(file(digest), "r" + content.substring(1));
        BlobService blobs = registry.blobs();

        try (ReadableByteChannel part = blobs.open(blobs.stat(REPO, digest), 1)) {
            assertThat(readAll(part)).hasSize(content.length() - 1);
        }
        assertThat(metadata.scrub().isCorrupt(digest)).isFalse();
    }

    private static byte[] readAll(ReadableByteChannel channel) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        readInto(channel, out, Long.MAX_VALUE);
        return out.toByteArray();
    }

    /** Reads as the HTTP layer does: a buffer at a time, each handed out once full (or at the end). */
    private static void readInto(ReadableByteChannel channel, ByteArrayOutputStream out, long size)
            throws IOException {
        try (channel) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            long remaining = size;
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                int n = 0;
                while (buffer.hasRemaining() && (n = channel.read(buffer)) >= 0) {
                    // fill the buffer
                }
                buffer.flip();
                remaining -= buffer.remaining();
                out.write(buffer.array(), 0, buffer.limit());
                if (n < 0) {
                    return;
                }
            }
        }
    }

    private Path file(Digest digest) {
        return dir.resolve("blobs").resolve(StorageLayout.blobKey(digest));
    }

    private Digest push(String content) throws Exception {
        return EmbeddedBackends.pushBlob(registry.uploads(), REPO, content);
    }

    /** A store whose channels flip the first byte they deliver; plain reads are untouched. */
    private static final class GarblingChannels extends ForwardingObjectStore {

        GarblingChannels(ObjectStore store) {
            super(store);
        }

        @Override
        public ReadableByteChannel readChannel(String key, long offset) {
            ReadableByteChannel in = store.readChannel(key, offset);
            return new ReadableByteChannel() {
                private boolean garbled;

                @Override
                public int read(ByteBuffer dst) throws IOException {
                    int start = dst.position();
                    int n = in.read(dst);
                    if (n > 0 && !garbled) {
                        dst.put(start, (byte) (dst.get(start) ^ 1));
                        garbled = true;
                    }
                    return n;
                }

                @Override
                public boolean isOpen() {
                    return in.isOpen();
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }








    }
}
