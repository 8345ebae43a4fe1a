package io.stowage.service.access.admin;

import io.stowage.oci.error.ConflictException;
import io.stowage.service.access.admin.Changes.Event;
import io.stowage.service.gc.GarbageCollector;
import io.stowage.service.gc.GcReport;

/**
 * Garbage collection on demand, for system administrators: a real run (refused while another collection runs, on
 * this node or another) or a dry run, which deletes nothing and reports what a real run would take now.
 */
public final class GcAdministration {

    private final GarbageCollector collector;
    private final Changes changes;

    GcAdministration(GarbageCollector collector, Changes changes) {
        this.collector = collector;
        this.changes = changes;
    }

    public GcReport run(Actor actor, boolean dryRun) {
        return changes.run(actor, Permission.ADMINISTRATOR, new Event("gc.run", null, null), GcReport::summary,
                who -> {
                    if (dryRun) {
                        return collector.dryRun();
                    }
                    try {
                        return collector.tryCollect().orElseThrow(() -> new ConflictException(
                                "a garbage collection is running already; try again when it is done", null));
                    } catch (IllegalStateException e) {
                        throw new ConflictException(e.getMessage(), null);
                    }
                });
    }
}
