package io.stowage.service.lifecycle;

import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.RetentionPolicy;
import io.stowage.metadata.TagRecord;
import io.stowage.metadata.UntaggedManifest;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.service.access.RepositoryGlob;
import io.stowage.service.lifecycle.RetentionPlan.Kept;
import io.stowage.service.lifecycle.RetentionPlan.ManifestRemoval;
import io.stowage.service.lifecycle.RetentionPlan.Removal;
import io.stowage.service.lifecycle.RetentionPlan.RepositoryPlan;
import io.stowage.service.lifecycle.RetentionPlan.TagRemoval;
import io.stowage.service.lifecycle.RetentionReport.SkipReason;
import io.stowage.service.lifecycle.RetentionReport.Skipped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Retention policies ({@link RetentionPolicy}) and what they remove: tags, and untagged manifests with the referrers
 * that describe them. Nothing here deletes blobs: the layers of removed manifests lose their references and the
 * garbage collection takes them after its grace period, as after any delete.
 *
 * <p><b>Which policies apply.</b> To a repository, the enabled policies of every namespace covering it whose
 * repository glob matches it (or that have none), as for immutability rules. How several combine, and how each rule
 * decides, is {@link RetentionRules}'s: in short, a tag goes when some policy would remove it and none would keep it,
 * never when an immutability rule matches it.
 *
 * <p><b>Plan, then apply.</b> {@link #plan} lists exactly what would go (a dry run removes nothing else).
 * {@link #apply} removes exactly the plan's items, and each only if, looking again just before the removal, the
 * policies as they are now, on the repository as it is now, measured from the plan's instant, still choose it: a tag
 * moved, pushed again, pulled within a keep period or made immutable since the plan is skipped, never removed, and the
 * report says why. The delete itself is conditional on what that look saw ({@code deleteTagIfUnchanged},
 * {@code deleteUntagged}), so a push or pull at that very moment is not overridden either. With nothing changed in
 * between, apply removes exactly what the plan lists.
 *
 * <p>Who may call what is the caller's to check; each removal is reported to the caller (and to an optional sink as
 * it happens), for its audit log.
 */
public final class RetentionService {

    private static final int PAGE = 1000;

    private final MetadataStore metadata;
    private final TagImmutability immutability;

    public RetentionService(MetadataStore metadata) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.immutability = new TagImmutability(metadata.policies());
    }

    // ---------------------------------------------------------------- policies

    /**
     * Adds a policy (id 0) to its namespace; returns it with its id, empty when the namespace does not exist. An
     * {@link IllegalArgumentException} with a message that can be shown as is when it cannot be used
     * ({@link #validPolicy}).
     */
    public Optional<RetentionPolicy> addPolicy(RetentionPolicy policy) {
        OptionalLong id = metadata.retention().addPolicy(validPolicy(policy));
        return id.isPresent() ? Optional.of(policy.withId(id.getAsLong())) : Optional.empty();
    }

    /** Replaces the rules of the policy with {@code policy}'s id in its namespace; false when there is none. */
    public boolean updatePolicy(RetentionPolicy policy) {
        if (policy.id() <= 0) {
            throw new IllegalArgumentException("a policy to update names its id");
        }
        return metadata.retention().updatePolicy(validPolicy(policy));
    }

    /** False when there is no policy with that id in that namespace (a policy of another namespace stays). */
    public boolean removePolicy(String namespace, long id) {
        boolean ours = metadata.retention().policies(namespace).stream().anyMatch(p -> p.id() == id);
        return ours && metadata.retention().removePolicy(id);
    }

    /** The namespace's policies, in the order they were added. */
    public List<RetentionPolicy> policies(String namespace) {
        return metadata.retention().policies(namespace);
    }

    /** The enabled policies that apply to {@code repository}, in the order they were added. */
    public List<RetentionPolicy> policiesOf(RepositoryName repository) {
        List<RetentionPolicy> applicable = new ArrayList<>();
        for (RetentionPolicy policy : metadata.retention().policiesCovering(repository)) {
            if (policy.enabled() && (policy.repositoryGlob() == null
                    || RepositoryGlob.parse(policy.repositoryGlob()).matches(repository.value()))) {
                applicable.add(policy);
            }
        }
        return List.copyOf(applicable);
    }

    /**
     * The policy, or an {@link IllegalArgumentException} saying what is wrong with it. Besides what the store
     * requires ({@link RetentionPolicy}), a glob is a {@link RepositoryGlob} and must be able to match some repository
     * of the namespace, as for immutability rules ({@link LifecycleService#validRule}).
     */
    public static RetentionPolicy validPolicy(RetentionPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        String glob = policy.repositoryGlob();
        if (glob != null) {
            RepositoryGlob.parse(glob);
            if (!LifecycleService.globCanMatchIn(policy.namespace(), glob)) {
                throw new IllegalArgumentException("repository glob " + glob
                        + " can never match a repository of namespace " + policy.namespace()
                        + ": globs name whole repositories, e.g. " + policy.namespace() + "/*");
            }
        }
        return policy;
    }

    // ---------------------------------------------------------------- plans

    /** What every enabled policy would remove at {@code now}, in every repository one applies to. */
    public RetentionPlan plan(Instant now) {
        TreeSet<String> namespaces = new TreeSet<>();
        long after = 0;
        for (List<RetentionPolicy> page = metadata.retention().allPolicies(after, PAGE); !page.isEmpty();
             page = metadata.retention().allPolicies(after, PAGE)) {
            for (RetentionPolicy policy : page) {
                if (policy.enabled()) {
                    namespaces.add(policy.namespace());
                }
            }
            after = page.getLast().id();
        }
        List<RepositoryPlan> plans = new ArrayList<>();
        RetentionRules rules = new RetentionRules();
        for (String namespace : namespaces) {
            // A nested namespace's repositories are walked with the outermost one covering them, once. Outermost
            // namespaces cover disjoint sets of repositories.
            if (!outermost(namespace, namespaces)) {
                continue;
            }
            planCovered(namespace, now, rules, plans);
        }
        plans.sort((a, b) -> a.repository().value().compareTo(b.repository().value()));
        return new RetentionPlan(now, plans);
    }

    /**
     * What the enabled policies would remove at {@code now} in the repositories {@code namespace} covers (by the
     * policies that apply to each: also those of namespaces covering it from outside).
     */
    public RetentionPlan plan(String namespace, Instant now) {
        List<RepositoryPlan> plans = new ArrayList<>();
        planCovered(namespace, now, new RetentionRules(), plans);
        return new RetentionPlan(now, plans);
    }

    /** What the enabled policies that apply to {@code repository} would remove there at {@code now}. */
    public RetentionPlan plan(RepositoryName repository, Instant now) {
        RepositoryPlan plan = look(repository, now, new RetentionRules()).plan();
        return new RetentionPlan(now, worthReporting(plan) ? List.of(plan) : List.of());
    }

    /** Whether no other of {@code namespaces} covers {@code namespace}. */
    private static boolean outermost(String namespace, TreeSet<String> namespaces) {
        for (int i = namespace.indexOf('/'); i >= 0; i = namespace.indexOf('/', i + 1)) {
            if (namespaces.contains(namespace.substring(0, i))) {
                return false;
            }
        }
        return true;
    }

    private void planCovered(String namespace, Instant now, RetentionRules rules, List<RepositoryPlan> plans) {
        for (RepositoryName repository : covered(namespace)) {
            RepositoryPlan plan = look(repository, now, rules).plan();
            if (worthReporting(plan)) {
                plans.add(plan);
            }
        }
    }

    private static boolean worthReporting(RepositoryPlan plan) {
        return !plan.tags().isEmpty() || !plan.manifests().isEmpty() || !plan.kept().isEmpty();
    }

    /**
     * The repositories {@code namespace} covers, in lexical order: itself, then every name below it at a slash. Those
     * are contiguous in lexical order from {@code namespace + "/"} on, so they are read off the repository listing
     * without touching any other.
     */
    private List<RepositoryName> covered(String namespace) {
        List<RepositoryName> repositories = new ArrayList<>();
        if (RepositoryName.isValid(namespace) && metadata.repositories().exists(RepositoryName.parse(namespace))) {
            repositories.add(RepositoryName.parse(namespace));
        }
        String prefix = namespace + "/";
        String last = prefix;
        while (true) {
            List<RepositoryName> page = metadata.repositories().list(last, PAGE);
            for (RepositoryName repository : page) {
                if (!repository.value().startsWith(prefix)) {
                    return repositories;
                }
                repositories.add(repository);
            }
            if (page.size() < PAGE) {
                return repositories;
            }
            last = page.getLast().value();
        }
    }

    /**
     * A repository as it is now (its tags and untagged manifests, where they were read, and its immutability rules),
     * and the decision on it at an instant.
     */
    private record Look(RepositoryPlan plan, Map<Tag, TagRecord> tags, Map<Digest, UntaggedManifest> untagged,
                        TagImmutability.Rules immutable) {
    }

    /** For a plan: what the policies need is read. */
    private Look look(RepositoryName repository, Instant at, RetentionRules rules) {
        return look(repository, at, rules, false, false);
    }

    /**
     * The repository's tags are read when a policy has tag rules or {@code readTags}, its untagged manifests when a
     * policy removes them or {@code readUntagged}: the re-check reads what the plan names even when no policy
     * applies any more, to say why it is skipped.
     */
    private Look look(RepositoryName repository, Instant at, RetentionRules rules, boolean readTags,
                      boolean readUntagged) {
        List<RetentionPolicy> policies = policiesOf(repository);
        List<TagRecord> tags = readTags || RetentionRules.needsTags(policies) ? tags(repository) : List.of();
        List<UntaggedManifest> untagged = readUntagged || RetentionRules.needsUntagged(policies)
                ? untagged(repository) : List.of();
        TagImmutability.Rules immutable = immutability.rulesFor(repository);
        RepositoryPlan plan = rules.decide(repository, policies, tags, untagged, immutable, at);
        Map<Tag, TagRecord> tagsByName = new HashMap<>();
        tags.forEach(t -> tagsByName.put(t.tag(), t));
        Map<Digest, UntaggedManifest> untaggedByDigest = new HashMap<>();
        untagged.forEach(u -> untaggedByDigest.put(u.digest(), u));
        return new Look(plan, tagsByName, untaggedByDigest, immutable);
    }

    private List<TagRecord> tags(RepositoryName repository) {
        List<TagRecord> all = new ArrayList<>();
        String last = null;
        while (true) {
            List<TagRecord> page = metadata.activity().tags(repository, last, PAGE);
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
            last = page.getLast().tag().value();
        }
    }

    private List<UntaggedManifest> untagged(RepositoryName repository) {
        List<UntaggedManifest> all = new ArrayList<>();
        Digest after = null;
        while (true) {
            List<UntaggedManifest> page = metadata.retention().untaggedManifests(repository, after, PAGE);
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
            after = page.getLast().digest();
        }
    }

    // ---------------------------------------------------------------- apply

    /** {@link #apply(RetentionPlan, Consumer)} without a sink. */
    public RetentionReport apply(RetentionPlan plan) {
        return apply(plan, removal -> {
        });
    }

    /**
     * Removes the plan's items, each only if a fresh look at its repository, at the plan's instant, still chooses it
     * exactly as planned (see the class comment); {@code onRemoved} hears of each removal as soon as it is made (for
     * an audit log that must not miss any, even if a later one fails). Tags are deleted with the normal tag delete
     * (the manifest stays), untagged manifests by digest with their referrers. A metadata failure ends the run with
     * its exception; what was removed until then was reported to {@code onRemoved}.
     */
    public RetentionReport apply(RetentionPlan plan, Consumer<? super Removal> onRemoved) {
        Objects.requireNonNull(onRemoved, "onRemoved");
        List<Removal> removed = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        RetentionRules rules = new RetentionRules();
        for (RepositoryPlan planned : plan.repositories()) {
            if (planned.tags().isEmpty() && planned.manifests().isEmpty()) {
                continue;
            }
            Look now = look(planned.repository(), plan.at(), rules, !planned.tags().isEmpty(),
                    !planned.manifests().isEmpty());
            Map<Tag, TagRemoval> chosenTags = new HashMap<>();
            now.plan().tags().forEach(t -> chosenTags.put(t.reference(), t));
            Map<Digest, ManifestRemoval> chosenManifests = new HashMap<>();
            now.plan().manifests().forEach(m -> chosenManifests.put(m.digest(), m));
            for (TagRemoval item : planned.tags()) {
                Optional<Skipped> skip = recheck(item, now, chosenTags.get(item.reference()));
                if (skip.isEmpty() && !metadata.manifests().deleteTagIfUnchanged(item.repository(),
                        now.tags().get(item.reference()))) {
                    skip = Optional.of(new Skipped(item, SkipReason.CHANGED,
                            "the tag changed while it was being removed"));
                }
                record(item, skip, removed, skipped, onRemoved);
            }
            for (ManifestRemoval item : planned.manifests()) {
                Optional<Skipped> skip = recheck(item, now, chosenManifests.get(item.digest()));
                if (skip.isEmpty() && !metadata.manifests().deleteUntagged(item.repository(), item.digest(),
                        item.inactiveBefore(), item.referrers())) {
                    skip = Optional.of(new Skipped(item, SkipReason.CHANGED,
                            "the manifest or its referrers changed while it was being removed"));
                }
                record(item, skip, removed, skipped, onRemoved);
            }
        }
        return new RetentionReport(plan.at(), removed, skipped);
    }

    /** Plans at {@code now} and applies the plan at once: what the scheduled job does. */
    public RetentionReport run(Instant now, Consumer<? super Removal> onRemoved) {
        return apply(plan(now), onRemoved);
    }

    private static void record(Removal item, Optional<Skipped> skip, List<Removal> removed, List<Skipped> skipped,
                               Consumer<? super Removal> onRemoved) {
        if (skip.isPresent()) {
            skipped.add(skip.get());
        } else {
            removed.add(item);
            onRemoved.accept(item);
        }
    }

    /** Why the tag must not be removed now; empty when the fresh look chose it as planned. */
    private static Optional<Skipped> recheck(TagRemoval item, Look now, TagRemoval chosen) {
        TagRecord planned = item.tag();
        TagRecord current = now.tags().get(item.reference());
        if (current == null) {
            return skip(item, SkipReason.GONE, "the tag no longer exists");
        }
        if (!current.manifest().equals(planned.manifest())) {
            return skip(item, SkipReason.MOVED, "the tag points at " + current.manifest() + " now");
        }
        if (!current.pushedAt().equals(planned.pushedAt())) {
            return skip(item, SkipReason.PUSHED_AGAIN, "the tag was pushed again at " + current.pushedAt());
        }
        Optional<TagImmutability.Match> immutable = now.immutable().match(item.reference());
        if (immutable.isPresent()) {
            return skip(item, SkipReason.IMMUTABLE, immutable.get().describe());
        }
        if (chosen == null) {
            return skip(item, SkipReason.NO_LONGER_CHOSEN, Objects.equals(current.lastPulledAt(),
                    planned.lastPulledAt()) ? "the policies as they are now keep it"
                    : "pulled at " + current.lastPulledAt() + " since the plan; the policies keep it now");
        }
        return Optional.empty();
    }

    /** Why the untagged manifest must not be removed now; empty when the fresh look chose it as planned. */
    private Optional<Skipped> recheck(ManifestRemoval item, Look now, ManifestRemoval chosen) {
        UntaggedManifest current = now.untagged().get(item.digest());
        if (current == null) {
            return metadata.activity().manifest(item.repository(), item.digest()).isPresent()
                    ? skip(item, SkipReason.TAGGED, "the manifest carries a tag now")
                    : skip(item, SkipReason.GONE, "the manifest no longer exists");
        }
        if (!current.pushedAt().equals(item.pushedAt())) {
            return skip(item, SkipReason.PUSHED_AGAIN, "the manifest was pushed again at " + current.pushedAt());
        }
        if (chosen == null) {
            Optional<Kept> protection = now.plan().kept().stream()
                    .filter(k -> k.reference().equals(item.digest())).findFirst();
            return skip(item, SkipReason.NO_LONGER_CHOSEN, protection.map(Kept::detail).orElse(
                    Objects.equals(current.lastPulledAt(), item.lastPulledAt())
                            ? "the policies as they are now keep it"
                            : "pulled at " + current.lastPulledAt() + " since the plan"));
        }
        if (!chosen.referrers().equals(item.referrers()) || !chosen.inactiveBefore().equals(item.inactiveBefore())) {
            return skip(item, SkipReason.NO_LONGER_CHOSEN, chosen.referrers().equals(item.referrers())
                    ? "the policies as they are now measure its age differently"
                    : "its referrers are " + chosen.referrers() + " now");
        }
        return Optional.empty();
    }

    private static Optional<Skipped> skip(Removal item, SkipReason reason, String detail) {
        return Optional.of(new Skipped(item, reason, detail));
    }
}
