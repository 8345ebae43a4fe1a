package io.stowage.service.access.admin;

import io.stowage.oci.error.ParameterInvalidException;
import io.stowage.service.scrub.Scrubber;

/**
 * A scrub round on demand, for system administrators: re-hashes the {@code blobs} stored blobs verified longest ago
 * and marks those missing or not matching their digest, as the scheduled round does. Needs no lease: marks are
 * idempotent, so rounds on two nodes at once only repeat each other's work.
 */
public final class ScrubAdministration {

    public static final int MAX_BLOBS = 1_000_000;

    private final Scrubber scrubber;
    private final Changes changes;

    ScrubAdministration(Scrubber scrubber, Changes changes) {
        this.scrubber = scrubber;
        this.changes = changes;
    }

    public Scrubber.ScrubReport run(Actor actor, int blobs) {
        if (blobs < 1 || blobs > MAX_BLOBS) {
            throw new ParameterInvalidException("blobs must be 1 to " + MAX_BLOBS);
        }
        return changes.run(actor, Permission.ADMINISTRATOR, new Changes.Event("scrub.run", null, null),
                Scrubber.ScrubReport::summary, who -> scrubber.scrub(blobs));
    }
}
