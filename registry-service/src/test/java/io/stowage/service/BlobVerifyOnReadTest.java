package io.stowage.service;

import io.stowage.metadata.BlobRecord;
import io.stowage.metadata.MetadataStore;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.BlobUnknownException;
import io.stowage.security.MutableClock;
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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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
    private static final Duration REMEMBER = Duration.ofHours(1);

    @TempDir
    Path dir;
    private EmbeddedBackends backends;
    private MetadataStore metadata;
    private Registry registry;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final VerifiedBlobs memory = new VerifiedBlobs(REMEMBER, 100, clock);

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
        assertWholeDownloadRefusedAsCorrupt(registry.blobs(), digest);
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

    // With a memory of verified blobs: a blob this node verified is not hashed again while its file is unchanged.

    @Test
    void aPushedBlobIsNotHashedAgainWhileItsFileIsUnchanged() throws Exception {
        String content = large("p");
        Digest digest = push(remembering(), content);
        // A bad read of a remembered blob goes out unnoticed: the memory vouches for the stored file, not for reads.
        BlobService garbling = blobService(new GarblingChannels(backends.objects()));

        byte[] received = readAll(garbling.openWhole(garbling.stat(REPO, digest)));
        assertThat(received).hasSize(content.length()).isNotEqualTo(content.getBytes());
        assertThat(metadata.scrub().isCorrupt(digest)).isFalse();
    }

    @Test
    void aRememberedBlobWhoseFileChangedIsHashedAgain() throws Exception {
        String content = large("q");
        Digest digest = push(remembering(), content);
        Files.writeString(file(digest), "z" + content.substring(1));
        assertWholeDownloadRefusedAsCorrupt(blobService(backends.objects()), digest);
    }

    @Test
    void aRememberedBlobWhoseFileWasReplacedIsHashedAgainEvenWithTheSameSizeAndTime() throws Exception {
        String content = large("r");
        Digest digest = push(remembering(), content);
        Path stored = file(digest);
        FileTime modified = Files.getLastModifiedTime(stored);
        Path other = Files.writeString(dir.resolve("other"), "z" + content.substring(1));
        Files.setLastModifiedTime(other, modified);
        Files.move(other, stored, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertWholeDownloadRefusedAsCorrupt(blobService(backends.objects()), digest);
    }

    @Test
    void aBlobStoredBeforeIsNotRememberedByAPushOfItThatKeepsTheStoredBytes() throws Exception {
        String content = large("s");
        Digest digest = push(content);
        Files.writeString(file(digest), "z" + content.substring(1));
        // The push verifies its own bytes, but the content address already holds others, which it keeps.
        push(remembering(), content);
        assertWholeDownloadRefusedAsCorrupt(blobService(backends.objects()), digest);
    }

    @Test
    void aDownloadThatVerifiesIsRemembered() throws Exception {
        String content = large("t");
        Digest digest = push(content); // by a registry without the memory: as on another node, or before a restart
        BlobService garbling = blobService(new GarblingChannels(backends.objects()));
        BlobService blobs = blobService(backends.objects());
        BlobRecord blob = blobs.stat(REPO, digest);
        assertThatThrownBy(() -> readAll(garbling.openWhole(blob))).isInstanceOf(IOException.class);

        assertThat(readAll(blobs.openWhole(blob))).isEqualTo(content.getBytes());

        assertThat(readAll(garbling.openWhole(blob))).hasSize(content.length());
    }

    @Test
    void aVerificationOlderThanTheRememberedPeriodIsDoneAgain() throws Exception {
        String content = large("u");
        Digest digest = push(remembering(), content);
        BlobService garbling = blobService(new GarblingChannels(backends.objects()));
        BlobRecord blob = garbling.stat(REPO, digest);

        clock.advance(REMEMBER);

        assertThatThrownBy(() -> readAll(garbling.openWhole(blob))).isInstanceOf(IOException.class)
                .hasMessageContaining("did not match its digest");
        assertThat(metadata.scrub().isCorrupt(digest)).isFalse();
    }

    @Test
    void aSmallBlobIsAlwaysHashed() throws Exception {
        String content = "v".repeat((int) BlobService.REMEMBERED_SIZE - 1);
        Digest digest = push(remembering(), content);
        BlobService garbling = blobService(new GarblingChannels(backends.objects()));

        assertThatThrownBy(() -> readAll(garbling.openWhole(garbling.stat(REPO, digest))))
                .isInstanceOf(IOException.class);
    }

    /** A registry over the same stores whose services share {@link #memory}. */
    /** A whole download of the blob through {@code blobs} ends in BLOB_UNKNOWN, and the blob is marked corrupt. */
    private void assertWholeDownloadRefusedAsCorrupt(BlobService blobs, Digest digest) {
        BlobRecord blob = blobs.stat(REPO, digest);

        assertThatThrownBy(() -> readInto(blobs.openWhole(blob), new ByteArrayOutputStream(), blob.size()))
                .isInstanceOf(BlobUnknownException.class);
        assertThat(metadata.scrub().isCorrupt(digest)).isTrue();
    }

    private Registry remembering() {
        return Registry.over(backends.objects(), metadata, clock, true, memory);
    }

    private BlobService blobService(ObjectStore objects) {
        return new BlobService(objects, metadata, clock, true, memory);
    }

    private static String large(String letter) {
        return letter.repeat((int) BlobService.REMEMBERED_SIZE + 300_000);
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
        return push(registry, content);
    }

    private static Digest push(Registry registry, String content) throws Exception {
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
