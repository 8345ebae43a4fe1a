package io.stowage.service;

import io.stowage.metadata.BlobRecord;
import io.stowage.metadata.MetadataStore;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.BlobUnknownException;
import io.stowage.oci.error.BlobUploadUnknownException;
import io.stowage.oci.error.DigestInvalidException;
import io.stowage.oci.error.RangeNotSatisfiableException;
import io.stowage.oci.error.SizeInvalidException;
import io.stowage.service.gc.GarbageCollector;
import io.stowage.service.scrub.Scrubber;
import io.stowage.storage.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Small blobs kept in the metadata store (SQLite here, with real files beside it): which pushes go inline, that
 * nothing of them reaches the object store, and that reads, verification, the scrub, mounts, garbage collection and a
 * restart treat them like any blob.
 */
class InlineBlobsTest {

    private static final RepositoryName REPO = RepositoryName.parse("team/app");
    private static final int LIMIT = 16 * 1024;

    @TempDir
    Path dir;
    private EmbeddedBackends backends;
    private ObjectStore objects;
    private MetadataStore metadata;
    private Registry registry;

    @BeforeEach
    void open() {
        backends = EmbeddedBackends.open(dir);
        objects = backends.objects();
        metadata = backends.metadata();
        registry = Registry.over(objects, metadata, Clock.systemUTC(), true, VerifiedBlobs.NONE, LIMIT);
    }

    @AfterEach
    void close() {
        backends.close();
    }

    @Test
    void aSmallBlobPushedInOneRequestIsKeptInlineAndServedWholeAndInRanges() throws Exception {
        byte[] content = random(LIMIT);
        Digest digest = pushMonolithic(content);

        BlobRecord blob = registry.blobs().stat(REPO, digest);
        assertThat(blob.inline()).isTrue();
        assertThat(blob.size()).isEqualTo(LIMIT);
        assertThat(objects.list("", null, 100)).as("nothing in the object store").isEmpty();
        assertThat(read(registry.blobs().openWhole(blob))).isEqualTo(content);
        assertThat(read(registry.blobs().open(blob, 100))).isEqualTo(Arrays.copyOfRange(content, 100, LIMIT));
        assertThat(read(registry.blobs().open(blob, LIMIT))).isEmpty();
        assertThat(registry.blobs().directDownload(blob)).isEmpty();
    }

    @Test
    void anEmptyBlobIsKeptInlineToo() throws Exception {
        Digest digest = pushMonolithic(new byte[0]);

        BlobRecord blob = registry.blobs().stat(REPO, digest);
        assertThat(blob.inline()).isTrue();
        assertThat(blob.size()).isZero();
        assertThat(read(registry.blobs().openWhole(blob))).isEmpty();
        assertThat(objects.list("", null, 100)).isEmpty();
    }

    @Test
    void aPutThatCarriesTheWholeBlobToAFreshSessionGoesInlineAndEndsTheSession() throws Exception {
        byte[] content = random(5000);
        Digest digest = sha256(content);
        UploadStatus session = registry.uploads().start(REPO);

        registry.uploads().complete(REPO, session.id(), digest, Optional.of(whole(content)));

        assertThat(registry.blobs().stat(REPO, digest).inline()).isTrue();
        assertThat(objects.list("", null, 100)).isEmpty();
        assertThatThrownBy(() -> registry.uploads().status(REPO, session.id()))
                .isInstanceOf(BlobUploadUnknownException.class);
    }

    @Test
    void theOnlyPatchOfASessionIsHeldByItsRowAndTheClosingPutPublishesItInline() throws Exception {
        byte[] content = random(3000);
        Digest digest = sha256(content);
        UploadStatus session = registry.uploads().start(REPO);

        assertThat(registry.uploads().append(REPO, session.id(), whole(content)).received()).isEqualTo(3000);
        assertThat(registry.uploads().status(REPO, session.id()).received()).isEqualTo(3000);
        assertThat(objects.list("", null, 100)).as("no upload object").isEmpty();

        registry.uploads().complete(REPO, session.id(), digest, Optional.empty());

        BlobRecord blob = registry.blobs().stat(REPO, digest);
        assertThat(blob.inline()).isTrue();
        assertThat(read(registry.blobs().openWhole(blob))).isEqualTo(content);
        assertThat(objects.list("", null, 100)).isEmpty();
        assertThat(metadata.uploads().find(session.id().value())).isEmpty();
    }

    @Test
    void heldBytesSurviveARestartAndArePublishedAfterIt() throws Exception {
        byte[] content = random(500);
        UploadStatus session = registry.uploads().start(REPO);
        registry.uploads().append(REPO, session.id(), at(content, 0, content.length, 0));

        close();
        open();

        assertThat(registry.uploads().status(REPO, session.id()).received()).isEqualTo(500);
        registry.uploads().complete(REPO, session.id(), sha256(content), Optional.empty());
        assertThat(read(registry.blobs().openWhole(registry.blobs().stat(REPO, sha256(content))))).isEqualTo(content);
    }

    @Test
    void aFurtherChunkMovesTheHeldBytesToTheUploadObjectFirst() throws Exception {
        byte[] content = random(300);
        Digest digest = sha256(content);
        UploadStatus session = registry.uploads().start(REPO);
        registry.uploads().append(REPO, session.id(), at(content, 0, 100, 0));

        assertThatThrownBy(() -> registry.uploads().append(REPO, session.id(), at(content, 100, 50, 0)))
                .as("a chunk that does not follow the held bytes").isInstanceOf(RangeNotSatisfiableException.class);
        assertThat(registry.uploads().append(REPO, session.id(), at(content, 100, 100, 100)).received())
                .isEqualTo(200);
        assertThat(metadata.uploads().held(session.id().value())).as("released").isEmpty();
        registry.uploads().complete(REPO, session.id(), digest, Optional.of(at(content, 200, 100, 200)));

        BlobRecord blob = registry.blobs().stat(REPO, digest);
        assertThat(blob.inline()).isFalse();
        assertThat(read(registry.blobs().openWhole(blob))).isEqualTo(content);
    }

    @Test
    void aClosingPutWithMoreBytesAfterAHeldChunkStoresTheBlobInTheObjectStore() throws Exception {
        byte[] content = random(3000);
        Digest digest = sha256(content);
        UploadStatus session = registry.uploads().start(REPO);
        registry.uploads().append(REPO, session.id(), at(content, 0, 1000, 0));

        registry.uploads().complete(REPO, session.id(), digest, Optional.of(at(content, 1000, 2000, 1000)));

        assertThat(registry.blobs().stat(REPO, digest).inline()).isFalse();
        assertThat(read(registry.blobs().openWhole(registry.blobs().stat(REPO, digest)))).isEqualTo(content);
    }

    @Test
    void aWrongDigestAfterAHeldChunkStoresNothingAndEndsTheSession() throws Exception {
        byte[] content = random(700);
        Digest wrong = sha256(random(10));
        UploadStatus session = registry.uploads().start(REPO);
        registry.uploads().append(REPO, session.id(), whole(content));

        assertThatThrownBy(() -> registry.uploads().complete(REPO, session.id(), wrong, Optional.empty()))
                .isInstanceOf(DigestInvalidException.class);

        assertThat(metadata.blobs().find(sha256(content))).isEmpty();
        assertThat(metadata.blobs().find(wrong)).isEmpty();
        assertThat(objects.list("", null, 100)).isEmpty();
        assertThatThrownBy(() -> registry.uploads().status(REPO, session.id()))
                .isInstanceOf(BlobUploadUnknownException.class);
    }

    @Test
    void onceAnUploadObjectExistsItCountsAndBytesStillHeldAreIgnored() throws Exception {
        // A crash after the held bytes were written to the upload object, before they were released from the row.
        byte[] content = random(150);
        UploadStatus session = registry.uploads().start(REPO);
        registry.uploads().append(REPO, session.id(), at(content, 0, 100, 0));
        objects.append(StorageLayout.uploadKey(session.id()), new ByteArrayInputStream(content, 0, 100));
        assertThat(metadata.uploads().held(session.id().value())).isPresent();

        assertThat(registry.uploads().status(REPO, session.id()).received()).isEqualTo(100);
        registry.uploads().append(REPO, session.id(), at(content, 100, 50, 100));
        registry.uploads().complete(REPO, session.id(), sha256(content), Optional.empty());

        assertThat(read(registry.blobs().openWhole(registry.blobs().stat(REPO, sha256(content))))).isEqualTo(content);
    }

    @Test
    void aStreamedChunkWithoutALengthGoesToTheUploadObject() throws Exception {
        byte[] content = random(100);
        UploadStatus session = registry.uploads().start(REPO);

        registry.uploads().append(REPO, session.id(), Chunk.of(new ByteArrayInputStream(content)));

        assertThat(objects.stat(StorageLayout.uploadKey(session.id()))).isPresent();
        assertThat(metadata.uploads().held(session.id().value())).isEmpty();
    }

    @Test
    void largerBlobsUndeclaredLengthsAndSessionsWithBytesGoToTheObjectStore() throws Exception {
        byte[] large = random(LIMIT + 1);
        Digest largeDigest = pushMonolithic(large);

        byte[] undeclared = random(100);
        Digest undeclaredDigest = registry.uploads().uploadMonolithic(REPO, sha256(undeclared),
                new ByteArrayInputStream(undeclared), OptionalLong.empty());

        byte[] chunked = random(300);
        Digest chunkedDigest = sha256(chunked);
        UploadStatus session = registry.uploads().start(REPO);
        registry.uploads().append(REPO, session.id(), Chunk.of(new ByteArrayInputStream(chunked, 0, 100)));
        registry.uploads().complete(REPO, session.id(), chunkedDigest,
                Optional.of(new Chunk(new ByteArrayInputStream(chunked, 100, 200), OptionalLong.of(100),
                        OptionalLong.of(200))));

        for (Digest digest : new Digest[]{largeDigest, undeclaredDigest, chunkedDigest}) {
            BlobRecord blob = registry.blobs().stat(REPO, digest);
            assertThat(blob.inline()).isFalse();
            assertThat(objects.stat(StorageLayout.blobKey(digest))).isPresent();
        }
        assertThat(read(registry.blobs().openWhole(registry.blobs().stat(REPO, chunkedDigest)))).isEqualTo(chunked);
    }

    @Test
    void theInlineLimitOfZeroKeepsEveryBlobInTheObjectStore() throws Exception {
        Registry without = Registry.over(objects, metadata, Clock.systemUTC(), true, VerifiedBlobs.NONE, 0);
        Digest digest = EmbeddedBackends.pushBlob(without.uploads(), REPO, "small");
        Digest empty = EmbeddedBackends.pushBlob(without.uploads(), REPO, "");

        for (Digest pushed : new Digest[]{digest, empty}) {
            assertThat(without.blobs().stat(REPO, pushed).inline()).isFalse();
            assertThat(objects.stat(StorageLayout.blobKey(pushed))).isPresent();
        }
        assertThatThrownBy(() -> new UploadService(objects, metadata, Clock.systemUTC(), VerifiedBlobs.NONE,
                UploadService.MAX_INLINE_LIMIT + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWrongDigestStoresNothingAnywhereAndEndsTheSession() throws Exception {
        byte[] content = random(200);
        Digest wrong = sha256(random(10));
        UploadStatus session = registry.uploads().start(REPO);

        assertThatThrownBy(() -> registry.uploads().complete(REPO, session.id(), wrong, Optional.of(whole(content))))
                .isInstanceOf(DigestInvalidException.class);
        assertThatThrownBy(() -> registry.uploads().uploadMonolithic(REPO, wrong, new ByteArrayInputStream(content),
                OptionalLong.of(content.length))).isInstanceOf(DigestInvalidException.class);

        assertThat(metadata.blobs().find(wrong)).isEmpty();
        assertThat(metadata.blobs().find(sha256(content))).isEmpty();
        assertThat(objects.list("", null, 100)).isEmpty();
        assertThatThrownBy(() -> registry.uploads().status(REPO, session.id()))
                .isInstanceOf(BlobUploadUnknownException.class);
    }

    @Test
    void aBodyShorterOrLongerThanDeclaredIsRefusedAndASessionKeepsWhatArrived() throws Exception {
        byte[] content = random(100);
        Digest digest = sha256(content);

        assertThatThrownBy(() -> registry.uploads().uploadMonolithic(REPO, digest, new ByteArrayInputStream(content),
                OptionalLong.of(101))).isInstanceOf(SizeInvalidException.class);
        assertThatThrownBy(() -> registry.uploads().uploadMonolithic(REPO, digest, new ByteArrayInputStream(content),
                OptionalLong.of(99))).isInstanceOf(SizeInvalidException.class);
        assertThat(metadata.blobs().find(digest)).isEmpty();
        assertThat(objects.list("", null, 100)).isEmpty();

        UploadStatus session = registry.uploads().start(REPO);
        assertThatThrownBy(() -> registry.uploads().complete(REPO, session.id(), digest, Optional.of(
                new Chunk(new ByteArrayInputStream(content, 0, 60), OptionalLong.empty(), OptionalLong.of(100)))))
                .isInstanceOf(SizeInvalidException.class);
        assertThat(registry.uploads().status(REPO, session.id()).received()).as("the bytes are the client's")
                .isEqualTo(60);
        registry.uploads().complete(REPO, session.id(), digest, Optional.of(
                new Chunk(new ByteArrayInputStream(content, 60, 40), OptionalLong.of(60), OptionalLong.of(40))));
        assertThat(read(registry.blobs().openWhole(registry.blobs().stat(REPO, digest)))).isEqualTo(content);
    }

    @Test
    void inlineBytesChangedBehindTheRegistrysBackAreNeverServedAndAPushRepairsThem() throws Exception {
        byte[] content = random(1000);
        Digest digest = pushMonolithic(content);
        BlobRecord blob = registry.blobs().stat(REPO, digest);
        byte[] tampered = content.clone();
        tampered[500] ^= 1;
        overwriteInline(digest, tampered);

        assertThat(read(registry.blobs().open(blob, 0))).as("a range is not verified").isEqualTo(tampered);
        assertThatThrownBy(() -> registry.blobs().openWhole(blob)).isInstanceOf(BlobUnknownException.class);
        assertThat(metadata.scrub().isCorrupt(digest)).isTrue();
        assertThatThrownBy(() -> registry.blobs().stat(REPO, digest)).isInstanceOf(BlobUnknownException.class);

        pushMonolithic(content);

        assertThat(metadata.scrub().isCorrupt(digest)).as("repaired by the push").isFalse();
        assertThat(read(registry.blobs().openWhole(registry.blobs().stat(REPO, digest)))).isEqualTo(content);
    }

    @Test
    void theScrubVerifiesInlineBytesAndFindsChangedOnes() throws Exception {
        Digest sound = pushMonolithic(random(300));
        Digest changed = pushMonolithic(random(400));
        overwriteInline(changed, random(400));
        Scrubber scrubber = new Scrubber(objects, metadata, Clock.systemUTC());

        Scrubber.ScrubReport report = scrubber.scrub(10);

        assertThat(report.checked()).isEqualTo(2);
        assertThat(report.corrupt()).isEqualTo(1);
        assertThat(report.missing()).isZero();
        assertThat(registry.blobs().stat(REPO, sound).inline()).isTrue();
        assertThatThrownBy(() -> registry.blobs().stat(REPO, changed)).isInstanceOf(BlobUnknownException.class);
    }

    @Test
    void aCorruptBlobInTheObjectStoreIsRepairedByAnInlinePushAndServedFromIt() throws Exception {
        Registry fileOnly = Registry.over(objects, metadata, Clock.systemUTC(), true, VerifiedBlobs.NONE, 0);
        byte[] content = random(700);
        Digest digest = sha256(content);
        fileOnly.uploads().uploadMonolithic(REPO, digest, new ByteArrayInputStream(content),
                OptionalLong.of(content.length));
        Files.write(dir.resolve("blobs").resolve(StorageLayout.blobKey(digest)), random(700));
        assertThat(new Scrubber(objects, metadata, Clock.systemUTC()).scrub(10).corrupt()).isEqualTo(1);

        pushMonolithic(content);

        BlobRecord blob = registry.blobs().stat(REPO, digest);
        assertThat(blob.inline()).isTrue();
        assertThat(read(registry.blobs().openWhole(blob))).isEqualTo(content);
    }

    @Test
    void anInlineBlobMountsIntoAnotherRepository() throws Exception {
        byte[] content = random(64);
        Digest digest = pushMonolithic(content);
        RepositoryName other = RepositoryName.parse("team/other");

        assertThat(registry.blobs().mount(other, digest, Optional.of(REPO), source -> true)).isTrue();

        assertThat(read(registry.blobs().openWhole(registry.blobs().stat(other, digest)))).isEqualTo(content);
    }

    @Test
    void garbageCollectionTakesAnUnreferencedInlineBlobWithItsBytes() throws Exception {
        Digest digest = pushMonolithic(random(128));
        registry.blobs().delete(REPO, digest);
        GarbageCollector gc = new GarbageCollector(objects, metadata,
                Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1)), Duration.ZERO);

        assertThat(gc.collect().blobsDeleted()).isEqualTo(1);

        assertThat(metadata.blobs().find(digest)).isEmpty();
        assertThat(metadata.blobs().content(digest)).isEmpty();
        assertThat(metadata.garbage().tombstones(10)).isEmpty();
        pushMonolithic(random(128));
    }

    @Test
    void anAcknowledgedInlinePushSurvivesARestart() throws Exception {
        byte[] content = random(2048);
        Digest digest = pushMonolithic(content);

        close();
        open();

        assertThat(read(registry.blobs().openWhole(registry.blobs().stat(REPO, digest)))).isEqualTo(content);
    }

    private Digest pushMonolithic(byte[] content) throws IOException {
        return registry.uploads().uploadMonolithic(REPO, sha256(content), new ByteArrayInputStream(content),
                OptionalLong.of(content.length));
    }

    /** Replaces a blob's inline bytes directly in the database file, as a disk error or a hand edit would. */
    private void overwriteInline(Digest digest, byte[] content) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("metadata.db"));
             PreparedStatement update = c.prepareStatement("UPDATE blob_contents SET content = ? WHERE digest = ?")) {
            update.setBytes(1, content);
            update.setString(2, digest.toString());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** {@code length} bytes of {@code content} from {@code from}, declared as starting at {@code start}. */
    private static Chunk at(byte[] content, int from, int length, long start) {
        return new Chunk(new ByteArrayInputStream(content, from, length), OptionalLong.of(start),
                OptionalLong.of(length));
    }

    private static Chunk whole(byte[] content) {
        return new Chunk(new ByteArrayInputStream(content), OptionalLong.empty(), OptionalLong.of(content.length));
    }

    private static byte[] read(ReadableByteChannel channel) throws IOException {
        try (InputStream in = Channels.newInputStream(channel)) {
            return in.readAllBytes();
        }
    }

    private static Digest sha256(byte[] content) {
        return Digest.of(DigestAlgorithm.SHA256, content);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        return bytes;
    }
}
