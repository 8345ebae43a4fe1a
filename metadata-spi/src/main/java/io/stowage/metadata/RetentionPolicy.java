package io.stowage.metadata;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What retention may remove in the repositories of {@code namespace} that {@code repositoryGlob} matches (null: every
 * repository the namespace covers, see {@link Namespaces}). The glob is opaque to the store, as in
 * {@link ImmutabilityRule}; how it matches, and how policies are evaluated and combined, is the service's to decide.
 * {@code id} is assigned by the store when the policy is added; a policy not yet added has id 0. Every rule is
 * optional (null: not set):
 *
 * <ul>
 *   <li><b>Tag rules.</b> The tags whose whole name {@code includeTags} matches (null: every tag) and
 *       {@code excludeTags} does not (null: none excluded) are the policy's <em>candidates</em>; every other tag is
 *       left alone. A candidate is kept when it is among the {@code keepLastTags} most recently pushed candidates,
 *       when it was pushed within {@code keepPushedWithin}, or pulled (by its name) within {@code keepPulledWithin};
 *       any other candidate is removed. The tag rules apply only when at least one of these three is set
 *       ({@code keepLastTags} 0 removes every candidate), so a policy about untagged manifests alone never removes a
 *       tag.</li>
 *   <li><b>{@code untaggedOlderThan}.</b> Manifests no tag points at, neither pushed nor pulled within this period,
 *       are removed (with the referrers that describe them).</li>
 * </ul>
 *
 * <p>A policy has at least one rule, and include or exclude expressions only with a tag rule. Periods are kept to the
 * millisecond, from 1 ms to {@link #MAX_PERIOD}; expressions follow the rules of {@link ImmutabilityRule#tagRegex()}.
 * A disabled policy is kept but does nothing.
 */
public record RetentionPolicy(long id, String namespace, String repositoryGlob, Integer keepLastTags,
                              Duration keepPushedWithin, Duration keepPulledWithin, String includeTags,
                              String excludeTags, Duration untaggedOlderThan, boolean enabled) {

    /** The longest period a policy may name: about a hundred years. */
    public static final Duration MAX_PERIOD = Duration.ofDays(36_525);
    /** The largest {@code keepLastTags}. */
    public static final int MAX_KEEP_LAST_TAGS = 1_000_000;

    public RetentionPolicy {
        if (id < 0) {
            throw new IllegalArgumentException("a policy id is positive, or 0 before the policy is added");
        }
        NamespaceRecord.requireName(namespace, "namespace");
        if (repositoryGlob != null) {
            Names.require(repositoryGlob, "repositoryGlob");
        }
        if (keepLastTags != null && (keepLastTags < 0 || keepLastTags > MAX_KEEP_LAST_TAGS)) {
            throw new IllegalArgumentException("keepLastTags must be 0 to " + MAX_KEEP_LAST_TAGS);
        }
        keepPushedWithin = period(keepPushedWithin, "keepPushedWithin");
        keepPulledWithin = period(keepPulledWithin, "keepPulledWithin");
        untaggedOlderThan = period(untaggedOlderThan, "untaggedOlderThan");
        if (includeTags != null) {
            ImmutabilityRule.requireRegex(includeTags, "includeTags");
        }
        if (excludeTags != null) {
            ImmutabilityRule.requireRegex(excludeTags, "excludeTags");
        }
        boolean tagRules = keepLastTags != null || keepPushedWithin != null || keepPulledWithin != null;
        if (!tagRules && untaggedOlderThan == null) {
            throw new IllegalArgumentException("a retention policy needs at least one rule: keepLastTags,"
                    + " keepPushedWithin, keepPulledWithin or untaggedOlderThan");
        }
        if (!tagRules && (includeTags != null || excludeTags != null)) {
            throw new IllegalArgumentException("includeTags and excludeTags choose the tags the tag rules apply to:"
                    + " they need keepLastTags, keepPushedWithin or keepPulledWithin");
        }
    }

    /** A policy to add, for every repository of {@code namespace}, without rules yet: see {@link Builder}. */
    public static Builder in(String namespace) {
        return new Builder(namespace);
    }

    /** Whether the tag rules apply: at least one of keepLastTags, keepPushedWithin, keepPulledWithin is set. */
    public boolean hasTagRules() {
        return keepLastTags != null || keepPushedWithin != null || keepPulledWithin != null;
    }

    /** The compiled {@link #includeTags()}, or null when every tag is included. */
    public Pattern includePattern() {
        return includeTags == null ? null : Pattern.compile(includeTags);
    }

    /** The compiled {@link #excludeTags()}, or null when none is excluded. */
    public Pattern excludePattern() {
        return excludeTags == null ? null : Pattern.compile(excludeTags);
    }

    /** This policy with the id the store assigned. */
    public RetentionPolicy withId(long newId) {
        return new RetentionPolicy(newId, namespace, repositoryGlob, keepLastTags, keepPushedWithin,
                keepPulledWithin, includeTags, excludeTags, untaggedOlderThan, enabled);
    }

    /** This policy, enabled or disabled. */
    public RetentionPolicy withEnabled(boolean isEnabled) {
        return new RetentionPolicy(id, namespace, repositoryGlob, keepLastTags, keepPushedWithin, keepPulledWithin,
                includeTags, excludeTags, untaggedOlderThan, isEnabled);
    }

    /** Whether {@code text} may be stored as an include or exclude expression. */
    public static boolean isValidTagRegex(String text) {
        return ImmutabilityRule.isValidTagRegex(text);
    }

    private static Duration period(Duration period, String what) {
        if (period == null) {
            return null;
        }
        Duration millis = period.truncatedTo(ChronoUnit.MILLIS);
        if (millis.compareTo(Duration.ofMillis(1)) < 0 || millis.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException(what + " must be from 1 ms to " + MAX_PERIOD.toDays() + " days");
        }
        return millis;
    }

    /** Builds a policy (id 0, enabled unless said otherwise); {@link #build()} validates it. */
    public static final class Builder {

        private final String namespace;
        private String repositoryGlob;
        private Integer keepLastTags;
        private Duration keepPushedWithin;
        private Duration keepPulledWithin;
        private String includeTags;
        private String excludeTags;
        private Duration untaggedOlderThan;
        private boolean enabled = true;

        private Builder(String namespace) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
        }

        public Builder repositories(String glob) {
            this.repositoryGlob = glob;
            return this;
        }

        public Builder keepLastTags(Integer count) {
            this.keepLastTags = count;
            return this;
        }

        public Builder keepPushedWithin(Duration period) {
            this.keepPushedWithin = period;
            return this;
        }

        public Builder keepPulledWithin(Duration period) {
            this.keepPulledWithin = period;
            return this;
        }

        public Builder includeTags(String regex) {
            this.includeTags = regex;
            return this;
        }

        public Builder excludeTags(String regex) {
            this.excludeTags = regex;
            return this;
        }

        public Builder untaggedOlderThan(Duration period) {
            this.untaggedOlderThan = period;
            return this;
        }

        public Builder enabled(boolean isEnabled) {
            this.enabled = isEnabled;
            return this;
        }

        public RetentionPolicy build() {
            return new RetentionPolicy(0, namespace, repositoryGlob, keepLastTags, keepPushedWithin,
                    keepPulledWithin, includeTags, excludeTags, untaggedOlderThan, enabled);
        }
    }
}
