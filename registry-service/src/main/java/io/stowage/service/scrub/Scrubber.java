package io.stowage.service.scrub;

import io.stowage.metadata.BlobRecord;
import io.stowage.metadata.MetadataStore;
import io.stowage.oci.Digest;
import io.stowage.service.StoredBlobCheck;
import io.stowage.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;

/**
 * Re-hashes stored blobs, the least recently verified first, and checks the index against storage. A blob whose
 * bytes are missing or no longer match its digest is marked corrupt, logged and counted: from then on no repository
 * serves it, until a push of the same blob stores its bytes again. Bytes are verified on write; the scrub finds what
 * changed on disk or in the bucket afterwards.
 */
public final class Scrubber {

    private static final Logger LOG = LoggerFactory.getLogger(Scrubber.class);

    private final ObjectStore objects;
    private final MetadataStore metadata;
    private final Clock clock;

    public Scrubber(ObjectStore objects, MetadataStore metadata, Clock clock) {
        this.objects = Objects.requireNonNull(objects, "objects");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What one round checked and found. */
    public record ScrubReport(int checked, int corrupt, int missing, long bytes) {
        public String summary() {
            return "verified " + checked + " blobs (" + bytes + " bytes): " + corrupt + " corrupt, " + missing
                    + " missing";
        }
    }

    /** Verifies up to {@code limit} blobs, those verified longest ago first. */
    public ScrubReport scrub(int limit) {
        int checked = 0;
        int corrupt = 0;
        int missing = 0;
        long bytes = 0;
        for (BlobRecord blob : metadata.scrub().leastRecentlyVerified(limit)) {
            checked++;
            Digest digest = blob.digest();
            Verdict verdict = verify(blob);
            switch (verdict) {
                case SOUND -> {
                    metadata.scrub().verified(digest, clock.instant());
                    bytes += blob.size();
                }
                case MISSING -> {
                    missing++;
                    metadata.scrub().corrupt(digest, clock.instant());
                    LOG.error("scrub: blob {} is indexed but missing from storage; it is no longer served", digest);
                }
                case MISMATCH -> {
                    corrupt++;
                    metadata.scrub().corrupt(digest, clock.instant());
                    LOG.error("scrub: blob {} in storage does not match its digest or size; it is no longer served",
                            digest);
                }
            }
        }
        return new ScrubReport(checked, corrupt, missing, bytes);
    }

    private enum Verdict { SOUND, MISSING, MISMATCH }

    private Verdict verify(BlobRecord blob) {
        StoredBlobCheck.Result result = StoredBlobCheck.check(objects, metadata.blobs(), blob);
        return switch (result.verdict()) {
            case SOUND -> Verdict.SOUND;
            case MISSING -> Verdict.MISSING;
            case MISMATCH -> Verdict.MISMATCH;
            case UNREADABLE -> {
                // A read failure is the storage's, not proof of corruption: the blob is checked again next round.
                LOG.warn("scrub: cannot read blob {}: {}", blob.digest(), result.failure().toString());
                yield Verdict.SOUND;
            }
        };
    }
}
