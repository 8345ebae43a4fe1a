package io.stowage.service.gc;

import io.stowage.metadata.Lease;
import io.stowage.metadata.LeaseIndex;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A garbage collection asked for now (the administration API), on the node that was asked. It runs only where the
 * scheduled job may run: it takes the job's lease ({@value GarbageCollectionJob#NAME}) as this node, exactly as this
 * node's scheduler does, so it never overlaps a collection on another node, and on this node the collector's lock
 * keeps it apart from the scheduled round. A node that does not hold the lease refuses and names the node that does.
 * A dry run changes nothing and needs neither.
 */
public final class OnDemandCollection {

    /** The outcome of a request for a real run. */
    public sealed interface Outcome {
        /** It ran. */
        record Ran(GcReport report) implements Outcome {
        }

        /** This node is running a collection already. */
        record Busy() implements Outcome {
        }

        /** Another node holds the job's lease: collections run there. */
        record Elsewhere(String holder) implements Outcome {
        }
    }

    private final GarbageCollector collector;
    private final LeaseIndex leases;
    private final String node;
    private final Duration leaseTime;
    private final Clock clock;

    /**
     * @param node      this node's identity as a lease holder: the one its job scheduler uses
     * @param leaseTime how long the job's lease lasts: what its scheduler takes it for
     */
    public OnDemandCollection(GarbageCollector collector, LeaseIndex leases, String node, Duration leaseTime,
                              Clock clock) {
        this.collector = Objects.requireNonNull(collector, "collector");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.node = Objects.requireNonNull(node, "node");
        this.leaseTime = Objects.requireNonNull(leaseTime, "leaseTime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Outcome collect() {
        if (!leases.acquire(GarbageCollectionJob.NAME, node, clock.instant(), leaseTime)) {
            return new Outcome.Elsewhere(leases.find(GarbageCollectionJob.NAME).map(Lease::holder)
                    .orElse("another node"));
        }
        Optional<GcReport> report = collector.tryCollect();
        return report.<Outcome>map(Outcome.Ran::new).orElseGet(Outcome.Busy::new);
    }

    public GcReport dryRun() {
        return collector.dryRun();
    }
}
