package io.stowage.service.lifecycle;

import io.stowage.metadata.RetentionPolicy;
import io.stowage.metadata.TagRecord;
import io.stowage.metadata.UntaggedManifest;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.service.lifecycle.RetentionPlan.Kept;
import io.stowage.service.lifecycle.RetentionPlan.ManifestRemoval;
import io.stowage.service.lifecycle.RetentionPlan.Protection;
import io.stowage.service.lifecycle.RetentionPlan.RepositoryPlan;
import io.stowage.service.lifecycle.RetentionPlan.TagRemoval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The decision retention makes for one repository, as a pure function of the policies that apply, the repository's
 * tags and untagged manifests, its immutability rules and an instant. Planning and the re-check before each removal
 * both call it, so they cannot disagree.
 *
 * <p><b>Tags.</b> Each policy with tag rules has an opinion on its candidates only (tags its include expression
 * matches and its exclude expression does not): <em>keep</em> (among its {@code keepLastTags} most recently pushed
 * candidates, pushed within {@code keepPushedWithin}, or pulled within {@code keepPulledWithin}) or <em>remove</em>.
 * A tag is removed when some policy would remove it and none would keep it; then, if an immutability rule matches it,
 * it is kept instead (reported as protected). Candidates are ranked by push time, newest first; ties by tag-list
 * order ({@link Tag#ORDER}), the tag listed first counting as the more recent. Periods include their boundary: a tag
 * pushed exactly {@code keepPushedWithin} ago is kept.
 *
 * <p><b>Untagged manifests.</b> With the policies that set {@code untaggedOlderThan}, an untagged manifest goes when
 * it was neither pushed nor pulled within the longest of their periods (so every one of them agrees), unless an index
 * of the repository lists it. Its referrers (manifests whose subject it is, and theirs in turn) go with it; if one of
 * them is tagged or listed by an index, the manifest stays with all of them. A referrer whose subject is in the
 * repository is never removed on its own account; one whose subject is not there is judged like any untagged manifest.
 */
final class RetentionRules {

    private final Map<String, Pattern> patterns = new HashMap<>();

    /** The repository's part of a plan at {@code now}; empty lists when nothing is chosen. */
    RepositoryPlan decide(RepositoryName repository, List<RetentionPolicy> policies, List<TagRecord> tags,
                          List<UntaggedManifest> untagged, TagImmutability.Rules immutability, Instant now) {
        List<TagRemoval> tagRemovals = new ArrayList<>();
        List<ManifestRemoval> manifestRemovals = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        decideTags(repository, policies, tags, immutability, now, tagRemovals, kept);
        decideUntagged(repository, policies, untagged, now, manifestRemovals, kept);
        return new RepositoryPlan(repository, policies.stream().map(RetentionPolicy::id).toList(), tagRemovals,
                manifestRemovals, kept);
    }

    /** Whether any of {@code policies} has tag rules, so that the tags must be read. */
    static boolean needsTags(List<RetentionPolicy> policies) {
        return policies.stream().anyMatch(RetentionPolicy::hasTagRules);
    }

    /** Whether any of {@code policies} removes untagged manifests, so that they must be read. */
    static boolean needsUntagged(List<RetentionPolicy> policies) {
        return policies.stream().anyMatch(p -> p.untaggedOlderThan() != null);
    }

    private void decideTags(RepositoryName repository, List<RetentionPolicy> policies, List<TagRecord> tags,
                            TagImmutability.Rules immutability, Instant now, List<TagRemoval> removals,
                            List<Kept> kept) {
        Map<Tag, List<Long>> removeVotes = new TreeMap<>();
        Set<Tag> keepVotes = new HashSet<>();
        for (RetentionPolicy policy : policies) {
            if (!policy.hasTagRules()) {
                continue;
            }
            List<TagRecord> candidates = tags.stream().filter(t -> isCandidate(policy, t.tag()))
                    .sorted(MOST_RECENT_FIRST).toList();
            Instant pushedCutoff = cutoff(now, policy.keepPushedWithin());
            Instant pulledCutoff = cutoff(now, policy.keepPulledWithin());
            for (int rank = 0; rank < candidates.size(); rank++) {
                TagRecord tag = candidates.get(rank);
                boolean keep = (policy.keepLastTags() != null && rank < policy.keepLastTags())
                        || (pushedCutoff != null && !tag.pushedAt().isBefore(pushedCutoff))
                        || (pulledCutoff != null && tag.lastPulledAt() != null
                        && !tag.lastPulledAt().isBefore(pulledCutoff));
                if (keep) {
                    keepVotes.add(tag.tag());
                } else {
                    removeVotes.computeIfAbsent(tag.tag(), t -> new ArrayList<>()).add(policy.id());
                }
            }
        }
        Map<Tag, TagRecord> byTag = new LinkedHashMap<>();
        tags.forEach(t -> byTag.put(t.tag(), t));
        for (Map.Entry<Tag, List<Long>> vote : removeVotes.entrySet()) {
            Tag tag = vote.getKey();
            if (keepVotes.contains(tag)) {
                continue;
            }
            Optional<TagImmutability.Match> immutable = immutability.match(tag);
            if (immutable.isPresent()) {
                kept.add(new Kept(repository, tag, Protection.IMMUTABLE, immutable.get().describe()));
            } else {
                removals.add(new TagRemoval(repository, byTag.get(tag), vote.getValue()));
            }
        }
    }

    private void decideUntagged(RepositoryName repository, List<RetentionPolicy> policies,
                                List<UntaggedManifest> untagged, Instant now, List<ManifestRemoval> removals,
                                List<Kept> kept) {
        List<RetentionPolicy> applying = policies.stream().filter(p -> p.untaggedOlderThan() != null).toList();
        if (applying.isEmpty()) {
            return;
        }
        Duration longest = applying.stream().map(RetentionPolicy::untaggedOlderThan).max(Comparator.naturalOrder())
                .orElseThrow();
        Instant inactiveBefore = now.minus(longest);
        List<Long> ids = applying.stream().map(RetentionPolicy::id).toList();
        Map<Digest, UntaggedManifest> byDigest = new TreeMap<>();
        Map<Digest, List<Digest>> referrers = new HashMap<>();
        for (UntaggedManifest manifest : untagged) {
            byDigest.put(manifest.digest(), manifest);
            if (manifest.subject() != null) {
                referrers.computeIfAbsent(manifest.subject(), s -> new ArrayList<>()).add(manifest.digest());
            }
        }
        for (UntaggedManifest manifest : byDigest.values()) {
            if (manifest.subjectPresent() || !manifest.lastActiveAt().isBefore(inactiveBefore)) {
                continue;
            }
            if (manifest.listedByIndex()) {
                kept.add(new Kept(repository, manifest.digest(), Protection.LISTED_BY_INDEX,
                        "an index of the repository lists it"));
                continue;
            }
            SortedSet<Digest> closure = closure(manifest.digest(), referrers);
            Optional<Kept> held = heldByReferrers(repository, manifest, closure, byDigest::get);
            if (held.isPresent()) {
                kept.add(held.get());
            } else {
                removals.add(new ManifestRemoval(repository, manifest.digest(), manifest.pushedAt(),
                        manifest.lastPulledAt(), inactiveBefore, List.copyOf(closure), ids));
            }
        }
    }

    /** The untagged referrers of {@code subject}, and theirs in turn. */
    private static SortedSet<Digest> closure(Digest subject, Map<Digest, List<Digest>> referrers) {
        SortedSet<Digest> closure = new TreeSet<>();
        Deque<Digest> pending = new ArrayDeque<>(List.of(subject));
        while (!pending.isEmpty()) {
            for (Digest referrer : referrers.getOrDefault(pending.pop(), List.of())) {
                if (!referrer.equals(subject) && closure.add(referrer)) {
                    pending.push(referrer);
                }
            }
        }
        return closure;
    }

    /** Why a tagged referrer, or an index listing a referrer, holds the manifest back; empty when nothing does. */
    private static Optional<Kept> heldByReferrers(RepositoryName repository, UntaggedManifest manifest,
                                                  SortedSet<Digest> closure,
                                                  Function<Digest, UntaggedManifest> untagged) {
        if (manifest.taggedReferrer()) {
            return Optional.of(new Kept(repository, manifest.digest(), Protection.TAGGED_REFERRER,
                    "a referrer of it carries a tag"));
        }
        for (Digest digest : closure) {
            UntaggedManifest referrer = untagged.apply(digest);
            if (referrer.taggedReferrer()) {
                return Optional.of(new Kept(repository, manifest.digest(), Protection.TAGGED_REFERRER,
                        "a referrer of its referrer " + digest + " carries a tag"));
            }
            if (referrer.listedByIndex()) {
                return Optional.of(new Kept(repository, manifest.digest(), Protection.REFERRER_LISTED_BY_INDEX,
                        "an index of the repository lists its referrer " + digest));
            }
        }
        return Optional.empty();
    }

    /** Newest push first; of two pushed at the same instant, the one first in tag-list order. */
    private static final Comparator<TagRecord> MOST_RECENT_FIRST = Comparator
            .comparing(TagRecord::pushedAt, Comparator.reverseOrder())
            .thenComparing(TagRecord::tag);

    private static Instant cutoff(Instant now, Duration period) {
        return period == null ? null : now.minus(period);
    }

    private boolean isCandidate(RetentionPolicy policy, Tag tag) {
        // A match that runs out of budget counts against removal either way: not included, or excluded.
        if (policy.includeTags() != null
                && matches(policy.includeTags(), tag) != TagImmutability.Match.Outcome.MATCHED) {
            return false;
        }
        return policy.excludeTags() == null || matches(policy.excludeTags(), tag) == null;
    }

    private TagImmutability.Match.Outcome matches(String regex, Tag tag) {
        Pattern pattern = patterns.computeIfAbsent(regex, Pattern::compile);
        return TagImmutability.matchesWithinBudget(pattern, tag.value(), TagImmutability.STEP_BUDGET);
    }
}
