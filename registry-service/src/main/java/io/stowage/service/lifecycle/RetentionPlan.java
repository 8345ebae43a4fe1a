package io.stowage.service.lifecycle;

import io.stowage.metadata.TagRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.Reference;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Exactly what retention would remove at {@link #at()}, repository by repository (in lexical order of name), and what
 * the policies chose but a protection keeps. Within a repository, tags come in tag-list order, then untagged manifests
 * by digest. A dry run is a plan; {@link RetentionService#apply} removes exactly its items, each only if a fresh look
 * still chooses it.
 *
 * @param at           the instant the policies' periods were measured from
 * @param repositories the repositories with something to remove or keep; none for an empty plan
 */
public record RetentionPlan(Instant at, List<RepositoryPlan> repositories) {

    public RetentionPlan {
        Objects.requireNonNull(at, "at");
        repositories = List.copyOf(repositories);
    }

    /** Every removal of the plan, in the plan's order. */
    public List<Removal> removals() {
        List<Removal> all = new ArrayList<>();
        for (RepositoryPlan repository : repositories) {
            all.addAll(repository.removals());
        }
        return List.copyOf(all);
    }

    /** Every item the policies chose that a protection keeps, in the plan's order. */
    public List<Kept> kept() {
        List<Kept> all = new ArrayList<>();
        for (RepositoryPlan repository : repositories) {
            all.addAll(repository.kept());
        }
        return List.copyOf(all);
    }

    /** Whether the plan removes nothing. */
    public boolean isEmpty() {
        return repositories.stream().allMatch(r -> r.tags().isEmpty() && r.manifests().isEmpty());
    }

    /** For the log: how much the plan would remove. */
    public String summary() {
        List<Removal> removals = removals();
        long tags = removals.stream().filter(TagRemoval.class::isInstance).count();
        long manifests = removals.stream().filter(ManifestRemoval.class::isInstance).count();
        long referrers = removals.stream().mapToLong(r -> r instanceof ManifestRemoval m ? m.referrers().size() : 0)
                .sum();
        return "would remove " + RetentionReport.count(tags, "tag") + " and "
                + RetentionReport.count(manifests, "untagged manifest")
                + (referrers == 0 ? "" : " (with " + RetentionReport.count(referrers, "referrer") + ")")
                + ", keeps " + RetentionReport.count(kept().size(), "protected item");
    }

    /**
     * One repository's part of the plan.
     *
     * @param policies the ids of the enabled policies that apply to the repository, in the order they were added
     */
    public record RepositoryPlan(RepositoryName repository, List<Long> policies, List<TagRemoval> tags,
                                 List<ManifestRemoval> manifests, List<Kept> kept) {

        public RepositoryPlan {
            Objects.requireNonNull(repository, "repository");
            policies = List.copyOf(policies);
            tags = List.copyOf(tags);
            manifests = List.copyOf(manifests);
            kept = List.copyOf(kept);
        }

        /** The tags, then the manifests. */
        public List<Removal> removals() {
            List<Removal> all = new ArrayList<>(tags);
            all.addAll(manifests);
            return List.copyOf(all);
        }
    }

    /** Something retention removes; each is one line of an audit trail. */
    public sealed interface Removal permits TagRemoval, ManifestRemoval {

        RepositoryName repository();

        /** The tag, or the manifest's digest. */
        Reference reference();

        /** The ids of the policies that chose it. */
        List<Long> policies();

        /** For an audit event's detail, for instance {@code tag v1 of sha256:…, pushed …, never pulled}. */
        String describe();
    }

    /**
     * A tag to delete, as it was when the plan read it; its manifest stays (and is then untagged, for
     * {@code untaggedOlderThan} to judge on a later run).
     */
    public record TagRemoval(RepositoryName repository, TagRecord tag, List<Long> policies) implements Removal {

        public TagRemoval {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(tag, "tag");
            policies = List.copyOf(policies);
        }

        @Override
        public Tag reference() {
            return tag.tag();
        }

        @Override
        public String describe() {
            return "tag " + tag.tag().value() + " of " + tag.manifest() + ", pushed " + tag.pushedAt() + ", "
                    + (tag.lastPulledAt() == null ? "never pulled" : "last pulled " + tag.lastPulledAt())
                    + "; retention policies " + policies;
        }
    }

    /**
     * An untagged manifest to delete by digest, with the referrers that describe it (those whose subject it is, and
     * theirs in turn, by digest), which go with it.
     *
     * @param inactiveBefore it was neither pushed nor pulled since this instant (the plan's instant minus the longest
     *                       {@code untaggedOlderThan} of the policies that apply)
     */
    public record ManifestRemoval(RepositoryName repository, Digest digest, Instant pushedAt, Instant lastPulledAt,
                                  Instant inactiveBefore, List<Digest> referrers, List<Long> policies)
            implements Removal {

        public ManifestRemoval {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(pushedAt, "pushedAt");
            Objects.requireNonNull(inactiveBefore, "inactiveBefore");
            referrers = List.copyOf(referrers);
            policies = List.copyOf(policies);
        }

        @Override
        public Digest reference() {
            return digest;
        }

        @Override
        public String describe() {
            return "untagged manifest " + digest + ", pushed " + pushedAt + ", "
                    + (lastPulledAt == null ? "never pulled" : "last pulled " + lastPulledAt)
                    + (referrers.isEmpty() ? "" : ", with its referrers " + referrers)
                    + "; retention policies " + policies;
        }
    }

    /** Why something the policies chose is kept. */
    public enum Protection {
        /** An immutability rule matches the tag. */
        IMMUTABLE,
        /** An index of the repository lists the untagged manifest. */
        LISTED_BY_INDEX,
        /** A referrer of the untagged manifest (or of one of its referrers) carries a tag. */
        TAGGED_REFERRER,
        /** An index of the repository lists a referrer of the untagged manifest. */
        REFERRER_LISTED_BY_INDEX
    }

    /** A tag or untagged manifest the policies chose, kept by a protection; {@code detail} says which. */
    public record Kept(RepositoryName repository, Reference reference, Protection protection, String detail) {

        public Kept {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(protection, "protection");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
