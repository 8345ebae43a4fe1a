package io.stowage.service.jobs;

import io.stowage.security.MutableClock;
import io.stowage.metadata.MetadataStore;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.BlobUploadUnknownException;
import io.stowage.service.Chunk;
import io.stowage.service.EmbeddedBackends;
import io.stowage.service.StorageLayout;
import io.stowage.service.UploadId;
import io.stowage.service.UploadService;
import io.stowage.service.UploadStatus;
import io.stowage.storage.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Abandoned sessions go with their bytes; active ones stay and still complete. */
class UploadPurgeJobTest {

    private static final RepositoryName REPO = RepositoryName.parse("team/app");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private EmbeddedBackends backends;
    private ObjectStore objects;
    private MetadataStore metadata;
    private MutableClock clock;
    private UploadService uploads;

    @BeforeEach
    void open() {
        backends = EmbeddedBackends.open(dir);
        objects = backends.objects();
        metadata = backends.metadata();
        clock = new MutableClock(T0);
        uploads = new UploadService(objects, metadata, clock);
    }

    @AfterEach
    void close() {
        backends.close();
    }

    @Test
    void sessionsUntouchedForTheMaximumAgeAreRemovedWithTheirBytes() throws Exception {
        UploadStatus abandoned = uploads.start(REPO);
        uploads.append(REPO, abandoned.id(), chunk(new byte[1000]));
        UploadStatus active = uploads.start(REPO);
        uploads.append(REPO, active.id(), chunk(new byte[500]));

        clock.set(T0.plus(Duration.ofHours(23)));
        uploads.append(REPO, active.id(), chunk(new byte[500]));
        clock.set(T0.plus(Duration.ofHours(24)).plusMillis(1));

        String summary = new UploadPurgeJob(uploads, clock, Duration.ofHours(24)).runOnce();

        assertThat(summary).isEqualTo("purged 1 abandoned upload session");
        assertThatThrownBy(() -> uploads.status(REPO, abandoned.id())).isInstanceOf(BlobUploadUnknownException.class);
        assertThat(objects.stat(StorageLayout.uploadKey(abandoned.id()))).as("its bytes").isEmpty();
        assertThat(uploads.status(REPO, active.id()).received()).isEqualTo(1000);
        assertThat(objects.stat(StorageLayout.uploadKey(active.id()))).isPresent();
    }

    @Test
    void aSessionExactlyAtTheMaximumAgeStays() throws Exception {
        UploadStatus session = uploads.start(REPO);
        clock.set(T0.plus(Duration.ofHours(24)));

        assertThat(new UploadPurgeJob(uploads, clock, Duration.ofHours(24)).runOnce()).isNull();

        assertThat(uploads.status(REPO, session.id()).received()).isZero();
    }

    @Test
    void purgesEveryAbandonedSessionBeyondOneBatch() {
        for (int i = 0; i < 250; i++) {
            uploads.start(REPO);
        }
        clock.set(T0.plus(Duration.ofDays(2)));

        assertThat(uploads.purgeInactiveSince(T0.plus(Duration.ofDays(1)))).isEqualTo(250);

        assertThat(metadata.uploads().count()).isZero();
    }

    @Test
    void uploadObjectsNoSessionOwnsAreDeletedOnceOldAndOnlyThen() throws Exception {
        String orphan = StorageLayout.uploadKey(UploadId.random());
        objects.append(orphan, new ByteArrayInputStream(new byte[100]));
        UploadStatus owned = uploads.start(REPO);
        uploads.append(REPO, owned.id(), chunk(new byte[100]));
        Instant written = objects.stat(orphan).orElseThrow().lastModified();

        assertThat(uploads.sweepOrphans(written.minusSeconds(60))).as("still fresh").isZero();
        assertThat(objects.stat(orphan)).isPresent();

        assertThat(uploads.sweepOrphans(written.plusSeconds(60))).isEqualTo(1);

        assertThat(objects.stat(orphan)).isEmpty();
        assertThat(objects.stat(StorageLayout.uploadKey(owned.id()))).as("its session owns it").isPresent();
        assertThat(uploads.status(REPO, owned.id()).received()).isEqualTo(100);
    }

    @Test
    void theJobSaysWhatItSwept() throws Exception {
        objects.append(StorageLayout.uploadKey(UploadId.random()),
                new ByteArrayInputStream(new byte[10]));
        clock.set(Instant.now().plus(Duration.ofDays(2)));

        assertThat(new UploadPurgeJob(uploads, clock, Duration.ofHours(24)).runOnce())
                .isEqualTo("purged 0 abandoned upload sessions, deleted 1 upload object no session owned");
    }

    private static Chunk chunk(byte[] data) {
        return new Chunk(new ByteArrayInputStream(data), OptionalLong.empty(), OptionalLong.empty());
    }
}
