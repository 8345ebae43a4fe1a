package io.stowage.service.access.admin;

import io.stowage.oci.error.ConflictException;
import io.stowage.service.access.admin.Changes.Event;
import io.stowage.service.gc.OnDemandCollection;
import io.stowage.service.gc.GcReport;

/**
 * Garbage collection on demand, for system administrators: a real run (refused while this node runs a collection,
 * and on a node that does not hold the collection job's lease, whose holder the refusal names) or a dry run, which
 * deletes nothing and reports what a real run would take now.
 */
public final class GcAdministration {

    private final OnDemandCollection collector;
    private final Changes changes;

    GcAdministration(OnDemandCollection collector, Changes changes) {
        this.collector = collector;
        this.changes = changes;
    }

    public GcReport run(Actor actor, boolean dryRun) {
        return changes.run(actor, Permission.ADMINISTRATOR, new Event("gc.run", null, null), GcReport::summary,
                who -> {
                    if (dryRun) {
                        return collector.dryRun();
                    }
                    return switch (collector.collect()) {
                        case OnDemandCollection.Outcome.Ran ran -> ran.report();
                        case OnDemandCollection.Outcome.Busy busy -> throw new ConflictException(
                                "this node is running a garbage collection; try again when it is done", null);
                        case OnDemandCollection.Outcome.Elsewhere elsewhere -> throw new ConflictException(
                                "garbage collection runs on another node; ask that node, or wait for its next run",
                                elsewhere.holder());
                    };
                });
    }
}
