package io.stowage.service.lifecycle;

import io.stowage.service.lifecycle.RetentionPlan.ManifestRemoval;
import io.stowage.service.lifecycle.RetentionPlan.Removal;
import io.stowage.service.lifecycle.RetentionPlan.TagRemoval;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What applying a plan did: the items it removed, in the plan's order, and those it skipped because a fresh look no
 * longer chose them. {@code removed} and {@code skipped} together are exactly the plan's removals.
 *
 * @param planAt the plan's instant, from which the policies' periods were measured, also when re-checking
 */
public record RetentionReport(Instant planAt, List<Removal> removed, List<Skipped> skipped) {

    public RetentionReport {
        Objects.requireNonNull(planAt, "planAt");
        removed = List.copyOf(removed);
        skipped = List.copyOf(skipped);
    }

    /** Why a planned removal was not made. */
    public enum SkipReason {
        /** The tag or manifest no longer exists. */
        GONE,
        /** The tag points at another manifest now. */
        MOVED,
        /** The tag, or the manifest, was pushed again since the plan. */
        PUSHED_AGAIN,
        /** The manifest carries a tag now. */
        TAGGED,
        /** An immutability rule matches the tag now. */
        IMMUTABLE,
        /**
         * The policies as they are now, on the repository as it is now, no longer choose it: pulled within a keep
         * period since, ranked among the tags to keep, a policy changed, disabled or removed, listed by an index,
         * other referrers.
         */
        NO_LONGER_CHOSEN,
        /** It changed between the re-check and the delete (a push or pull at that very moment). */
        CHANGED
    }

    /** A planned removal that was not made, and why; {@code detail} says more for a person. */
    public record Skipped(Removal item, SkipReason reason, String detail) {

        public Skipped {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** One line for the log and the job's summary. */
    public String summary() {
        long tags = removed.stream().filter(TagRemoval.class::isInstance).count();
        long manifests = removed.stream().filter(ManifestRemoval.class::isInstance).count();
        long referrers = removed.stream().mapToLong(r -> r instanceof ManifestRemoval m ? m.referrers().size() : 0)
                .sum();
        long repositories = removed.stream().map(Removal::repository).distinct().count();
        return "removed " + count(tags, "tag") + " and " + count(manifests, "untagged manifest")
                + (referrers == 0 ? "" : " (with " + count(referrers, "referrer") + ")")
                + " in " + count(repositories, "repository", "repositories")
                + (skipped.isEmpty() ? "" : ", skipped " + skipped.size() + " that changed since the plan");
    }

    static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    static String count(long n, String noun, String plural) {
        return n + " " + (n == 1 ? noun : plural);
    }
}
