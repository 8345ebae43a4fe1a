package io.stowage.service.access.admin;

import io.stowage.metadata.NamespaceIndex;
import io.stowage.metadata.RetentionPolicy;
import io.stowage.oci.error.NameUnknownException;
import io.stowage.service.access.Identity;
import io.stowage.service.access.admin.Changes.Event;
import io.stowage.service.lifecycle.RetentionPlan;
import io.stowage.service.lifecycle.RetentionPlan.Removal;
import io.stowage.service.lifecycle.RetentionReport;
import io.stowage.service.lifecycle.RetentionService;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Retention policies of namespaces and retention runs on demand ({@link RetentionService} does the work).
 *
 * <p>Who may do what: a namespace's policies, and runs over the repositories it covers, are for system administrators
 * and the users holding the namespace's ADMIN role; a run over the whole registry is for system administrators only.
 *
 * <p>Audit: each policy change writes one event ({@code retention.add}, {@code retention.update},
 * {@code retention.remove} with reference {@code policy N}), with the namespace as its repository. A real run writes
 * one {@code retention.remove} event per removed tag or manifest (repository, reference, the removal described) and
 * then one {@code retention.run} event with the report's summary, all by the caller. A dry run changes nothing and
 * writes nothing, like the other reads.
 */
public final class RetentionAdministration {

    /** Builds the policy to store from what the caller sent; an {@link IllegalArgumentException} becomes a 400. */
    @FunctionalInterface
    public interface Draft {
        RetentionPolicy build(String namespace, long id);
    }

    private final RetentionService retention;
    private final NamespaceIndex namespaces;
    private final Changes changes;
    private final Clock clock;

    RetentionAdministration(RetentionService retention, NamespaceIndex namespaces, Changes changes, Clock clock) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.namespaces = Objects.requireNonNull(namespaces, "namespaces");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The namespace's policies, in the order they were added. */
    public List<RetentionPolicy> policies(Actor actor, String namespace) {
        return changes.read(actor, new Permission.NamespaceAdministrator(namespace), who -> {
            requireNamespace(namespace);
            return retention.policies(namespace);
        });
    }

    /** Adds a policy to the namespace; returns it with its id. */
    public RetentionPolicy addPolicy(Actor actor, String namespace, Draft draft) {
        return changes.run(actor, new Permission.NamespaceAdministrator(namespace),
                new Event("retention.add", namespace, null), RetentionAdministration::describe, who -> {
                    requireNamespace(namespace);
                    return retention.addPolicy(draft.build(namespace, 0))
                            .orElseThrow(() -> unknownNamespace(namespace));
                });
    }

    /** Replaces every rule of the namespace's policy {@code id}, its enabled flag included. */
    public RetentionPolicy updatePolicy(Actor actor, String namespace, long id, Draft draft) {
        return changes.run(actor, new Permission.NamespaceAdministrator(namespace),
                new Event("retention.update", namespace, "policy " + id), RetentionAdministration::describe, who -> {
                    requireNamespace(namespace);
                    RetentionPolicy policy = draft.build(namespace, Math.max(id, 1));
                    if (id <= 0 || !retention.updatePolicy(policy)) {
                        throw unknownPolicy(id);
                    }
                    return policy;
                });
    }

    public void removePolicy(Actor actor, String namespace, long id) {
        RetentionPolicy[] removed = new RetentionPolicy[1];
        changes.run(actor, new Permission.NamespaceAdministrator(namespace),
                new Event("retention.remove", namespace, "policy " + id), v -> describe(removed[0]), who -> {
                    requireNamespace(namespace);
                    RetentionPolicy policy = retention.policies(namespace).stream().filter(p -> p.id() == id)
                            .findFirst().orElseThrow(() -> unknownPolicy(id));
                    if (!retention.removePolicy(namespace, id)) {
                        throw unknownPolicy(id);
                    }
                    removed[0] = policy;
                    return null;
                });
    }

    /** What the enabled policies would remove now in the repositories the namespace covers. Not audited. */
    public RetentionPlan dryRun(Actor actor, String namespace) {
        return changes.read(actor, new Permission.NamespaceAdministrator(namespace), who -> {
            requireNamespace(namespace);
            return retention.plan(namespace, clock.instant());
        });
    }

    /** What the enabled policies would remove now in every repository. Not audited. */
    public RetentionPlan dryRunAll(Actor actor) {
        return changes.read(actor, Permission.ADMINISTRATOR, who -> retention.plan(clock.instant()));
    }

    /** Plans now over the repositories the namespace covers and applies the plan at once. */
    public RetentionReport run(Actor actor, String namespace) {
        return changes.run(actor, new Permission.NamespaceAdministrator(namespace),
                new Event("retention.run", namespace, null), RetentionReport::summary, who -> {
                    requireNamespace(namespace);
                    return retention.apply(retention.plan(namespace, clock.instant()), audit(actor, who));
                });
    }

    /** Plans now over every repository and applies the plan at once. For system administrators. */
    public RetentionReport runAll(Actor actor) {
        return changes.run(actor, Permission.ADMINISTRATOR, new Event("retention.run", null, null),
                RetentionReport::summary, who -> retention.run(clock.instant(), audit(actor, who)));
    }

    private java.util.function.Consumer<Removal> audit(Actor actor, Identity who) {
        return removal -> changes.recordPart(actor, who, "retention.remove", removal.repository().value(),
                removal.reference().toString(), removal.describe());
    }

    private void requireNamespace(String namespace) {
        NamespaceAdministration.requireName(namespace);
        if (namespaces.find(namespace).isEmpty()) {
            throw unknownNamespace(namespace);
        }
    }

    private static NameUnknownException unknownNamespace(String namespace) {
        return new NameUnknownException("no such namespace", namespace);
    }

    private static NameUnknownException unknownPolicy(long id) {
        return new NameUnknownException("the namespace has no retention policy of that id", Long.toString(id));
    }

    /** How a policy reads in the audit log's detail. */
    static String describe(RetentionPolicy p) {
        StringBuilder text = new StringBuilder("policy ").append(p.id()).append(": ")
                .append(p.repositoryGlob() == null ? "all repositories" : p.repositoryGlob());
        if (p.keepLastTags() != null) {
            text.append(", keep last ").append(p.keepLastTags());
        }
        if (p.keepPushedWithin() != null) {
            text.append(", keep pushed within ").append(p.keepPushedWithin());
        }
        if (p.keepPulledWithin() != null) {
            text.append(", keep pulled within ").append(p.keepPulledWithin());
        }
        if (p.includeTags() != null) {
            text.append(", include /").append(p.includeTags()).append('/');
        }
        if (p.excludeTags() != null) {
            text.append(", exclude /").append(p.excludeTags()).append('/');
        }
        if (p.untaggedOlderThan() != null) {
            text.append(", untagged older than ").append(p.untaggedOlderThan());
        }
        return text.append(p.enabled() ? "" : ", disabled").toString();
    }
}
