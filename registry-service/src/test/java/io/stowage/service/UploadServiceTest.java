package io.stowage.service;

import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.BlobUploadUnknownException;
import io.stowage.oci.error.DigestInvalidException;
import io.stowage.oci.error.RangeNotSatisfiableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Upload sessions over the embedded backends: resumption, verification and what a failure leaves behind. */
class UploadServiceTest {

    private static final RepositoryName REPO = RepositoryName.parse("team/app");

    @TempDir
    Path dir;
    private EmbeddedBackends backends;
    private UploadService uploads;
    private BlobService blobs;

    @BeforeEach
    void open() {
        backends = EmbeddedBackends.open(dir);
        uploads = new UploadService(backends.objects(), backends.metadata(), Clock.systemUTC());
        blobs = new BlobService(backends.objects(), backends.metadata());
    }

    @AfterEach
    void close() {
        backends.close();
    }

    @Test
    void chunksAcrossARestartProduceTheRightBlob() throws Exception {
        byte[] content = random(3 * 1024 * 1024 + 17);
        UploadStatus session = uploads.start(REPO);
        uploads.append(REPO, session.id(), at(slice(content, 0, 1_000_000), 0));

        close();
        open(); // a new UploadService: the running hash is gone and must be rebuilt from the stored bytes

        assertThat(uploads.status(REPO, session.id()).received()).isEqualTo(1_000_000);
        uploads.append(REPO, session.id(), at(slice(content, 1_000_000, content.length), 1_000_000));
        Digest digest = Digest.of(DigestAlgorithm.SHA256, content);
        uploads.complete(REPO, session.id(), digest, Optional.empty());

        assertThat(blobs.stat(REPO, digest).size()).isEqualTo(content.length);
        try (InputStream in = Channels.newInputStream(blobs.open(blobs.stat(REPO, digest), 0))) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void sha512DigestsAreVerifiedToo() throws Exception {
        byte[] content = random(70_000);
        UploadStatus session = uploads.start(REPO);
        uploads.append(REPO, session.id(), Chunk.of(new ByteArrayInputStream(content)));
        Digest digest = Digest.of(DigestAlgorithm.SHA512, content);
        uploads.complete(REPO, session.id(), digest, Optional.empty());
        assertThat(blobs.stat(REPO, digest).size()).isEqualTo(content.length);
    }

    @Test
    void aMismatchedDigestStoresNothingAndEndsTheSession() throws Exception {
        byte[] content = random(4096);
        Digest wrong = Digest.of(DigestAlgorithm.SHA256, random(10));
        UploadStatus session = uploads.start(REPO);
        assertThatThrownBy(() -> uploads.complete(REPO, session.id(), wrong,
                Optional.of(Chunk.of(new ByteArrayInputStream(content))))).isInstanceOf(DigestInvalidException.class);
        assertThat(backends.metadata().blobs().find(wrong)).isEmpty();
        assertThat(backends.objects().list("", null, 100)).isEmpty();
        assertThatThrownBy(() -> uploads.status(REPO, session.id())).isInstanceOf(BlobUploadUnknownException.class);
    }

    @Test
    void aMonolithicUploadWithTheWrongDigestLeavesNoFile() throws Exception {
        Digest wrong = Digest.of(DigestAlgorithm.SHA256, random(10));
        assertThatThrownBy(() -> uploads.uploadMonolithic(REPO, wrong, new ByteArrayInputStream(random(100)),
                OptionalLong.empty())).isInstanceOf(DigestInvalidException.class);
        assertThat(backends.objects().list("", null, 100)).isEmpty();
    }

    @Test
    void outOfOrderChunksAreRefusedAndChangeNothing() throws Exception {
        UploadStatus session = uploads.start(REPO);
        uploads.append(REPO, session.id(), at(new ByteArrayInputStream(random(100)), 0));
        assertThatThrownBy(() -> uploads.append(REPO, session.id(), at(new ByteArrayInputStream(random(10)), 50)))
                .isInstanceOf(RangeNotSatisfiableException.class);
        assertThat(uploads.status(REPO, session.id()).received()).isEqualTo(100);
    }

    @Test
    void aChunkThatBreaksMidwayIsNotKeptAndTheSessionContinues() throws Exception {
        byte[] content = random(200_000);
        UploadStatus session = uploads.start(REPO);
        uploads.append(REPO, session.id(), at(slice(content, 0, 100_000), 0));
        InputStream broken = new InputStream() {
            int served;

            @Override
            public int read() throws IOException {
                if (served++ > 5_000) {
                    throw new IOException("client went away");
                }
                return 1;
            }
        };
        assertThatThrownBy(() -> uploads.append(REPO, session.id(), Chunk.of(broken)))
                .isInstanceOf(IOException.class);
        assertThat(uploads.status(REPO, session.id()).received()).isEqualTo(100_000);
        Digest digest = Digest.of(DigestAlgorithm.SHA256, content);
        uploads.complete(REPO, session.id(), digest, Optional.of(Chunk.of(slice(content, 100_000, content.length))));
        assertThat(blobs.stat(REPO, digest).size()).isEqualTo(content.length);
    }

    @Test
    void aSessionBelongsToItsRepository() {
        UploadStatus session = uploads.start(REPO);
        assertThatThrownBy(() -> uploads.status(RepositoryName.parse("other"), session.id()))
                .isInstanceOf(BlobUploadUnknownException.class);
    }

    @Test
    void anEmptyBlobCanBeUploaded() throws Exception {
        UploadStatus session = uploads.start(REPO);
        Digest empty = Digest.of(DigestAlgorithm.SHA256, new byte[0]);
        uploads.complete(REPO, session.id(), empty, Optional.empty());
        assertThat(blobs.stat(REPO, empty).size()).isZero();
    }

    private static Chunk at(InputStream data, long start) {
        return new Chunk(data, OptionalLong.of(start), OptionalLong.empty());
    }

    private static InputStream slice(byte[] content, int from, int to) {
        return new ByteArrayInputStream(Arrays.copyOfRange(content, from, to));
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
