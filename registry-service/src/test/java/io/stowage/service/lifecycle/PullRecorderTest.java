package io.stowage.service.lifecycle;

import io.stowage.security.MutableClock;
import io.stowage.metadata.ActivityIndex;
import io.stowage.metadata.ManifestTimes;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.Pull;
import io.stowage.metadata.TagRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.service.EmbeddedBackends;
import io.stowage.service.ManifestService;
import io.stowage.service.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Pull times are recorded without a write per pull: coalesced in memory, written at most once a minute per key. */
class PullRecorderTest {

    private static final RepositoryName APP = RepositoryName.parse("team-a/app");
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    /** Long enough that the background thread never flushes during a test: the test flushes by hand. */
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path dir;
    private EmbeddedBackends backends;
    private MetadataStore metadata;
    private MutableClock clock;
    private CountingActivity counting;
    private PullRecorder recorder;
    private Digest manifest;

    @BeforeEach
    void open() throws Exception {
        backends = EmbeddedBackends.open(dir);
        metadata = backends.metadata();
        clock = new MutableClock(T0);
        counting = new CountingActivity(metadata.activity());
        recorder = new PullRecorder(counting, clock, NEVER, Duration.ofMinutes(1));
        Registry registry = Registry.over(backends.objects(), metadata, clock);
        manifest = new Images(registry, metadata).image(APP, "latest", "image");
        registry.close();
    }

    @AfterEach
    void close() {
        recorder.close();
        backends.close();
    }

    @Test
    void tenThousandPullsAMinuteOfOneManifestAreWrittenOnceAMinute() {
        for (int second = 0; second < 120; second++) {
            clock.set(T0.plusSeconds(second));
            for (int i = 0; i < 84; i++) {
                recorder.record(APP, manifest, Tag.parse("latest"));
            }
            if (second % 5 == 4) {
                recorder.flush();
            }
        }

        assertThat(counting.pulls).as("10,080 pulls over two minutes, flushed every five seconds").hasSize(2);
        assertThat(counting.batches).hasSize(2);
        assertThat(lastPull()).as("the first write is due at once, the second a minute later")
                .isEqualTo(T0.plusSeconds(64));

        clock.set(T0.plusSeconds(185));
        recorder.flush();

        assertThat(lastPull()).as("the newest pull is written once due").isEqualTo(T0.plusSeconds(119));
        assertThat(tagPull("latest")).isEqualTo(T0.plusSeconds(119));
        assertThat(recorder.pending()).isZero();
    }

    @Test
    void aFlushWritesEveryDueKeyInOneBatch() {
        List<Digest> digests = new ArrayList<>();
        Registry registry = Registry.over(backends.objects(), metadata, clock);
        Images images = new Images(registry, metadata);
        for (int i = 0; i < 50; i++) {
            try {
                digests.add(images.image(APP, "t" + i, "image-" + i));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        registry.close();
        for (int i = 0; i < 50; i++) {
            recorder.record(APP, digests.get(i), Tag.parse("t" + i));
            recorder.record(APP, digests.get(i), null);
        }

        assertThat(recorder.flush()).isEqualTo(100);

        assertThat(counting.batches).as("one transaction").hasSize(1);
        for (int i = 0; i < 50; i++) {
            assertThat(metadata.activity().manifest(APP, digests.get(i))).map(ManifestTimes::lastPulledAt)
                    .hasValue(T0);
            assertThat(tagPull("t" + i)).isEqualTo(T0);
        }
    }

    @Test
    void aPullByDigestIsRecordedForTheManifestOnly() {
        recorder.record(APP, manifest, null);
        recorder.flush();

        assertThat(lastPull()).isEqualTo(T0);
        assertThat(tagPull("latest")).isNull();
    }

    @Test
    void pullsThatCouldNotBeWrittenAreKeptAndWrittenLater() {
        counting.failing.set(true);
        recorder.record(APP, manifest, Tag.parse("latest"));

        assertThat(recorder.flush()).isZero();
        assertThat(recorder.pending()).isEqualTo(1);
        clock.set(T0.plusSeconds(3));
        recorder.record(APP, manifest, Tag.parse("latest"));
        counting.failing.set(false);

        assertThat(recorder.flush()).isEqualTo(1);
        assertThat(lastPull()).isEqualTo(T0.plusSeconds(3));
        assertThat(recorder.recorded()).isEqualTo(1);
    }

    @Test
    void closingWritesWhatIsWaitingEvenIfNotDueAndLaterPullsAreIgnored() {
        recorder.record(APP, manifest, null);
        recorder.flush();
        clock.set(T0.plusSeconds(10));
        recorder.record(APP, manifest, null);
        recorder.flush();
        assertThat(lastPull()).as("not due yet").isEqualTo(T0);

        recorder.close();

        assertThat(lastPull()).isEqualTo(T0.plusSeconds(10));
        clock.set(T0.plusSeconds(20));
        recorder.record(APP, manifest, null);
        assertThat(recorder.pending()).isZero();
    }

    @Test
    void theBackgroundThreadFlushesOnItsOwn() throws Exception {
        PullRecorder quick = new PullRecorder(metadata.activity(), clock, Duration.ofMillis(20), Duration.ZERO);
        try {
            quick.record(APP, manifest, Tag.parse("latest"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (tagPull("latest") == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(tagPull("latest")).isEqualTo(T0);
            assertThat(quick.pending()).isZero();
        } finally {
            quick.close();
        }
    }

    @Test
    void theManifestServiceNotesPullsButNotLookupsThatAreNoPulls() {
        ManifestService manifests = new ManifestService(metadata, clock, recorder);

        manifests.get(APP, Tag.parse("latest"), false);
        recorder.flush();
        assertThat(lastPull()).isNull();

        manifests.get(APP, Tag.parse("latest"));
        clock.set(T0.plusSeconds(1));
        manifests.get(APP, manifest);
        recorder.flush();

        assertThat(lastPull()).isEqualTo(T0.plusSeconds(1));
        assertThat(tagPull("latest")).isEqualTo(T0);
        assertThat(metadata.activity().manifest(APP, manifest).orElseThrow().pushedAt()).isEqualTo(T0);
    }

    @Test
    void tooManyWaitingKeysAreDroppedRatherThanKept() {
        for (int i = 0; i < PullRecorder.MAX_PENDING + 10; i++) {
            recorder.record(RepositoryName.parse("team-a/r" + i), manifest, null);
        }

        assertThat(recorder.pending()).isEqualTo(PullRecorder.MAX_PENDING);
        assertThat(recorder.dropped()).isEqualTo(10);
        recorder.record(RepositoryName.parse("team-a/r0"), manifest, null);
        assertThat(recorder.dropped()).as("a waiting key takes newer pulls").isEqualTo(10);
    }

    private Instant lastPull() {
        return metadata.activity().manifest(APP, manifest).orElseThrow().lastPulledAt();
    }

    private Instant tagPull(String tag) {
        return metadata.activity().tags(APP, null, 100).stream().filter(t -> t.tag().value().equals(tag))
                .findFirst().map(TagRecord::lastPulledAt).orElse(null);
    }

    /** The store's index, counting what it is asked to write, and failing on demand. */
    private static final class CountingActivity implements ActivityIndex {
        final ActivityIndex delegate;
        final List<Pull> pulls = new CopyOnWriteArrayList<>();
        final List<Integer> batches = new CopyOnWriteArrayList<>();
        final AtomicBoolean failing = new AtomicBoolean();

        CountingActivity(ActivityIndex delegate) {
            this.delegate = delegate;
        }

        @Override
        public void recordPulls(Collection<Pull> batch) {
            if (failing.get()) {
                throw new IllegalStateException("database unavailable (test)");
            }
            delegate.recordPulls(batch);
            pulls.addAll(batch);
            batches.add(batch.size());
        }

        @Override
        public List<TagRecord> tags(RepositoryName repository, String last, int limit) {
            return delegate.tags(repository, last, limit);
        }

        @Override
        public Optional<ManifestTimes> manifest(RepositoryName repository, Digest digest) {
            return delegate.manifest(repository, digest);
        }
    }
}
