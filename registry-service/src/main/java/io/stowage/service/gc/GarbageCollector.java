package io.stowage.service.gc;

import io.stowage.metadata.BlobRecord;
import io.stowage.metadata.GarbageIndex;
import io.stowage.metadata.MetadataStore;
import io.stowage.oci.Digest;
import io.stowage.service.StorageLayout;
import io.stowage.storage.ObjectStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Online garbage collection of blobs. What is live comes from the metadata store alone: a blob lives while a
 * manifest references it or while it was claimed or linked within the grace period; storage is never walked.
 * A run:
 * <ol>
 *   <li>finishes what an interrupted run left: bytes of condemned blobs (tombstones) are deleted, then the
 *       tombstones;</li>
 *   <li>prunes repository links that no manifest of their repository references and that are older than the grace
 *       period (layers of deleted manifests, blobs pushed and never used, blobs deleted from a repository);</li>
 *   <li>condemns, a batch at a time, the blobs that are then collectable (their records go and tombstones come in
 *       one transaction, which concurrent pushes see), deletes their bytes in one batch request, and buries the
 *       tombstones.</li>
 * </ol>
 * Pushes and pulls go on meanwhile; see {@link GarbageIndex} for why none of them can lose its bytes. A dry run
 * counts what steps 2 and 3 would take and changes nothing.
 *
 * <p>Two collections must never run at once: step 1 of one could otherwise delete the bytes of a blob that the
 * other had already buried and a push had stored again. Across nodes, the job's lease sees to that (an on-demand
 * run takes the same lease, see {@link OnDemandCollection}); on one node, real runs take a lock.
 */
public final class GarbageCollector {

    /** Rows per metadata transaction and keys per delete request: S3 deletes at most 1,000 keys per request. */
    static final int BATCH = 1000;

    private final ObjectStore objects;
    private final MetadataStore metadata;
    private final Clock clock;
    private final Duration gracePeriod;
    private final AtomicReference<GcReport> last = new AtomicReference<>();
    private final ReentrantLock running = new ReentrantLock();

    public GarbageCollector(ObjectStore objects, MetadataStore metadata, Clock clock, Duration gracePeriod) {
        this.objects = Objects.requireNonNull(objects, "objects");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("negative grace period " + gracePeriod);
        }
        this.gracePeriod = gracePeriod;
    }

    /** The last real (not dry) run's report, if there was one since start. */
    public Optional<GcReport> lastReport() {
        return Optional.ofNullable(last.get());
    }

    /** Runs a collection, waiting for one this node is running to end first. */
    public GcReport collect() {
        running.lock();
        try {
            return run();
        } finally {
            running.unlock();
        }
    }

    /** Runs a collection unless this node is running one already (then empty). */
    public Optional<GcReport> tryCollect() {
        if (!running.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.of(run());
        } finally {
            running.unlock();
        }
    }

    private GcReport run() {
        Instant started = clock.instant();
        Instant cutoff = started.minus(gracePeriod);
        GarbageIndex garbage = metadata.garbage();
        long resumed = deleteCondemned();
        long links = 0;
        for (int pruned; (pruned = garbage.pruneLinks(cutoff, BATCH)) > 0; ) {
            links += pruned;
        }
        Taken taken = walkCollectable(cutoff, page -> {
            List<BlobRecord> condemned = garbage.condemn(page.stream().map(BlobRecord::digest).toList(), cutoff);
            delete(condemned);
            return condemned;
        });
        GcReport report = report(false, started, cutoff, links, taken, resumed);
        last.set(report);
        return report;
    }

    public GcReport dryRun() {
        Instant started = clock.instant();
        Instant cutoff = started.minus(gracePeriod);
        long links = metadata.garbage().countPrunableLinks(cutoff);
        return report(true, started, cutoff, links, walkCollectable(cutoff, page -> page), 0);
    }

    private record Taken(long blobs, long bytes) {
    }

    /**
     * Pages through the collectable blobs, in digest order, handing each page to {@code take}, which returns the
     * blobs of the page it took (all of them for a dry run; those still collectable when condemned for a real one).
     */
    private Taken walkCollectable(Instant cutoff, UnaryOperator<List<BlobRecord>> take) {
        long blobs = 0;
        long bytes = 0;
        Digest after = null;
        for (List<BlobRecord> page; !(page = metadata.garbage().collectable(cutoff, after, BATCH)).isEmpty(); ) {
            after = page.getLast().digest();
            List<BlobRecord> taken = take.apply(page);
            blobs += taken.size();
            bytes += taken.stream().mapToLong(BlobRecord::size).sum();
        }
        return new Taken(blobs, bytes);
    }

    private GcReport report(boolean dryRun, Instant started, Instant cutoff, long links, Taken taken, long resumed) {
        Instant finished = clock.instant();
        return new GcReport(dryRun, cutoff, links, taken.blobs(), taken.bytes(), resumed, finished,
                Duration.between(started, finished));
    }

    /** Step 1: bytes of blobs condemned before (by an interrupted run, or one on a node that died). */
    private long deleteCondemned() {
        long count = 0;
        for (List<BlobRecord> batch; !(batch = metadata.garbage().tombstones(BATCH)).isEmpty(); ) {
            delete(batch);
            count += batch.size();
        }
        return count;
    }

    /** Bytes first, tombstones after: a push waits for the tombstone to go, so it never finds bytes being deleted. */
    private void delete(List<BlobRecord> condemned) {
        if (condemned.isEmpty()) {
            return;
        }
        objects.deleteAll(condemned.stream().map(blob -> StorageLayout.blobKey(blob.digest())).toList());
        metadata.garbage().bury(condemned.stream().map(BlobRecord::digest).toList());
    }
}
