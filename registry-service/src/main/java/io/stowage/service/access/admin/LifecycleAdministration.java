package io.stowage.service.access.admin;

import io.stowage.metadata.ImmutabilityRule;
import io.stowage.metadata.ManifestTimes;
import io.stowage.metadata.NamespaceIndex;
import io.stowage.metadata.RepositoryIndex;
import io.stowage.metadata.RepositoryUsage;
import io.stowage.metadata.TagRecord;
import io.stowage.oci.Reference;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.NameUnknownException;
import io.stowage.service.access.admin.Changes.Event;
import io.stowage.service.lifecycle.LifecycleService;
import io.stowage.service.lifecycle.LifecycleService.NamespaceStatus;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A repository's lifecycle as administrators see and steer it: immutability rules and quotas of namespaces, storage
 * use, and push and last-pull times of tags and manifests ({@link LifecycleService} does the work).
 *
 * <p>Who may do what: a namespace's immutability rules and usage are for system administrators and the users holding
 * the namespace's ADMIN role; its quota is for system administrators only (a namespace's admins must not lift their
 * own limit). A repository's usage, tags and manifest times are for system administrators and for whoever may pull
 * from the repository. Changes write one audit event each: {@code immutability.add}, {@code immutability.remove},
 * {@code quota.set}, with the namespace as their repository.
 */
public final class LifecycleAdministration {

    private final LifecycleService lifecycle;
    private final NamespaceIndex namespaces;
    private final RepositoryIndex repositories;
    private final Changes changes;

    LifecycleAdministration(LifecycleService lifecycle, NamespaceIndex namespaces, RepositoryIndex repositories,
                            Changes changes) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.namespaces = Objects.requireNonNull(namespaces, "namespaces");
        this.repositories = Objects.requireNonNull(repositories, "repositories");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    // ---------------------------------------------------------------- immutability rules

    /** The namespace's immutability rules, in the order they were added. */
    public List<ImmutabilityRule> immutabilityRules(Actor actor, String namespace) {
        return changes.read(actor, new Permission.NamespaceAdministrator(namespace), who -> {
            requireNamespace(namespace);
            return lifecycle.immutabilityRules(namespace);
        });
    }

    /**
     * Adds a rule making the tags {@code tagRegex} matches immutable in the namespace's repositories that
     * {@code repositoryGlob} matches (null: all of them). An invalid regex or glob is a 400.
     */
    public ImmutabilityRule addImmutabilityRule(Actor actor, String namespace, String repositoryGlob,
                                                String tagRegex) {
        return changes.run(actor, new Permission.NamespaceAdministrator(namespace),
                new Event("immutability.add", namespace, null), RuleText::describe, who -> {
                    requireNamespace(namespace);
                    if (tagRegex == null) {
                        throw new IllegalArgumentException("an immutability rule needs a tagRegex");
                    }
                    return lifecycle.addImmutabilityRule(namespace, repositoryGlob, tagRegex)
                            .orElseThrow(() -> unknownNamespace(namespace));
                });
    }

    public void removeImmutabilityRule(Actor actor, String namespace, long id) {
        ImmutabilityRule[] removed = new ImmutabilityRule[1];
        changes.run(actor, new Permission.NamespaceAdministrator(namespace),
                new Event("immutability.remove", namespace, "rule " + id), v -> RuleText.describe(removed[0]),
                who -> {
                    requireNamespace(namespace);
                    ImmutabilityRule rule = lifecycle.immutabilityRules(namespace).stream()
                            .filter(r -> r.id() == id).findFirst().orElseThrow(() -> unknownRule(id));
                    if (!lifecycle.removeImmutabilityRule(namespace, id)) {
                        throw unknownRule(id);
                    }
                    removed[0] = rule;
                    return null;
                });
    }

    // ---------------------------------------------------------------- quotas and usage

    /**
     * Sets the namespace's quota in bytes, or removes it ({@code bytes} empty); returns the namespace's use with the
     * new quota. For system administrators only. A negative quota is a 400.
     */
    public NamespaceStatus setQuota(Actor actor, String namespace, OptionalLong bytes) {
        return changes.run(actor, Permission.ADMINISTRATOR, new Event("quota.set", namespace, null),
                status -> status.quotaBytes().isPresent() ? "quota " + status.quotaBytes().getAsLong() + " bytes"
                        : "no quota", who -> {
                    requireNamespace(namespace);
                    if (!lifecycle.setQuota(namespace, bytes)) {
                        throw unknownNamespace(namespace);
                    }
                    return lifecycle.namespaceStatus(namespace).orElseThrow(() -> unknownNamespace(namespace));
                });
    }

    /** What the namespace stores (logical, stored, unique) with its quota. */
    public NamespaceStatus namespaceUsage(Actor actor, String namespace) {
        return changes.read(actor, new Permission.NamespaceAdministrator(namespace), who -> {
            NamespaceAdministration.requireName(namespace);
            return lifecycle.namespaceStatus(namespace).orElseThrow(() -> unknownNamespace(namespace));
        });
    }

    /** What the repository stores; {@code NAME_UNKNOWN} when it does not exist. */
    public RepositoryUsage repositoryUsage(Actor actor, String repository) {
        RepositoryName name = RepositoryName.parse(repository);
        return changes.read(actor, new Permission.RepositoryReader(name), who -> {
            requireRepository(name);
            return lifecycle.usage(name);
        });
    }

    // ---------------------------------------------------------------- push and pull times

    /** A page of the repository's tags after {@code last}, with their manifests and push and last-pull times. */
    public Slice<TagRecord> tags(Actor actor, String repository, String last, int limit) {
        RepositoryName name = RepositoryName.parse(repository);
        return changes.read(actor, new Permission.RepositoryReader(name), who -> {
            Slice.checkLimit(limit);
            return Slice.of(lifecycle.tags(name, last, limit + 1), limit);
        });
    }

    /** The push and last-pull time of the manifest {@code reference} (a digest or a tag) names. */
    public ManifestTimes manifestTimes(Actor actor, String repository, String reference) {
        RepositoryName name = RepositoryName.parse(repository);
        return changes.read(actor, new Permission.RepositoryReader(name), who -> {
            Reference parsed = Reference.parse(reference);
            requireRepository(name);
            return lifecycle.manifestTimes(name, parsed);
        });
    }

    private void requireNamespace(String namespace) {
        NamespaceAdministration.requireName(namespace);
        if (namespaces.find(namespace).isEmpty()) {
            throw unknownNamespace(namespace);
        }
    }

    private void requireRepository(RepositoryName repository) {
        if (!repositories.exists(repository)) {
            throw new NameUnknownException("no such repository", repository.value());
        }
    }

    private static NameUnknownException unknownNamespace(String namespace) {
        return new NameUnknownException("no such namespace", namespace);
    }

    private static NameUnknownException unknownRule(long id) {
        return new NameUnknownException("the namespace has no immutability rule of that id", Long.toString(id));
    }

    /** How an immutability rule reads in the audit log's detail. */
    private static final class RuleText {
        static String describe(ImmutabilityRule rule) {
            return "rule " + rule.id() + ": " + (rule.repositoryGlob() == null ? "all repositories"
                    : rule.repositoryGlob()) + " tags /" + rule.tagRegex() + "/";
        }
    }
}
