package io.stowage.service.lifecycle;

import io.stowage.security.MutableClock;
import io.stowage.metadata.ImmutabilityRule;
import io.stowage.metadata.ManifestRecord;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.metadata.Pull;
import io.stowage.metadata.RetentionPolicy;
import io.stowage.metadata.TagRecord;
import io.stowage.metadata.UntaggedManifest;
import io.stowage.metadata.sqlite.SqliteMetadataStore;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.MediaTypes;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.service.lifecycle.RetentionPlan.ManifestRemoval;
import io.stowage.service.lifecycle.RetentionPlan.Removal;
import io.stowage.service.lifecycle.RetentionPlan.TagRemoval;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over random repositories (tags with push and pull times, shared manifests, untagged manifests, referrers, indexes)
 * and random policies and immutability rules: a plan is deterministic, applying it with nothing changed in between
 * removes exactly what it lists and nothing else, the tags it chooses are those an independent reading of the rules
 * chooses, every manifest it removes was removable, and a second plan removes no further tag.
 */
class RetentionProperties {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofDays(31));
    private static final List<String> TAG_NAMES = List.of("a", "B", "c", "latest", "v1", "V2", "v1.0", "pr-1",
            "pr-2", "rc-1");
    private static final List<String> EXPRESSIONS = List.of("v.*", "pr-.*", ".*-1", "a|b", "v[0-9]+", "latest");

    private static Path dir;
    private static MutableClock clock;
    private static MetadataStore store;
    private static RetentionService retention;
    private static final AtomicInteger TRIES = new AtomicInteger();

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("retention-properties");
        clock = new MutableClock(T0);
        store = SqliteMetadataStore.open(dir.resolve("metadata.db"), clock);
        retention = new RetentionService(store);
    }

    @AfterContainer
    static void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** A tag of manifest {@code manifest} (0 to 3), pushed on day {@code pushDay}, pulled by name on {@code pullDay}. */
    record TagSpec(String name, int manifest, int pushDay, Integer pullDay) {
    }

    /**
     * An untagged manifest pushed on {@code pushDay}, pulled by digest on {@code pullDay}; its subject: -1 none, -2 a
     * manifest that is not there, 0 to 3 that tagged manifest, 100 + j the untagged manifest j (an earlier one);
     * {@code tagged}: it gets a tag after all ({@code ref-i}); {@code listing}: 0 no index lists it, 1 an untagged
     * index does, 2 a tagged one ({@code idx-i}).
     */
    record UntaggedSpec(int pushDay, Integer pullDay, int subject, boolean tagged, int listing) {
    }

    record PolicySpec(Integer keepLast, Integer pushedDays, Integer pulledDays, String include, String exclude,
                      Integer untaggedDays, boolean enabled, boolean globMatches) {
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void aPlanIsExactlyWhatApplyingItRemovesAndChoosesWhatTheRulesSay(
            @ForAll("tags") List<TagSpec> tags, @ForAll("untagged") List<UntaggedSpec> untagged,
            @ForAll("policies") List<PolicySpec> policies, @ForAll("immutable") String immutableRegex) {
        String namespace = "p" + TRIES.incrementAndGet();
        RepositoryName repo = RepositoryName.parse(namespace + "/app");
        store.namespaces().create(new NamespaceRecord(namespace, false, T0));
        build(repo, tags, untagged);
        List<RetentionPolicy> added = new ArrayList<>();
        for (PolicySpec spec : policies) {
            added.add(retention.addPolicy(policy(namespace, spec)).orElseThrow());
        }
        if (immutableRegex != null) {
            store.policies().addImmutabilityRule(new ImmutabilityRule(namespace, null, immutableRegex));
        }

        RetentionPlan plan = retention.plan(namespace, NOW);

        assertThat(retention.plan(namespace, NOW)).as("deterministic").isEqualTo(plan);
        assertThat(retention.plan(repo, NOW)).isEqualTo(plan);
        Set<String> expectedTags = expectedTagRemovals(repo, added, immutableRegex);
        assertThat(plan.removals().stream().filter(TagRemoval.class::isInstance)
                .map(r -> ((TagRemoval) r).tag().tag().value()).toList())
                .as("the tags the rules choose, in tag-list order")
                .containsExactlyElementsOf(expectedTags.stream().sorted(Tag.ORDER).toList());
        checkRemovable(repo, plan, added);

        Map<String, Object> before = state(repo);
        RetentionReport report = retention.apply(plan);

        assertThat(report.skipped()).isEmpty();
        assertThat(report.removed()).containsExactlyElementsOf(plan.removals());
        Map<String, Object> expected = new TreeMap<>(before);
        for (Removal removal : plan.removals()) {
            switch (removal) {
                case TagRemoval t -> assertThat(expected.remove("tag " + t.tag().tag().value())).isEqualTo(t.tag());
                case ManifestRemoval m -> {
                    assertThat(expected.remove("manifest " + m.digest())).isNotNull();
                    m.referrers().forEach(r -> assertThat(expected.remove("manifest " + r)).isNotNull());
                }
            }
        }
        assertThat(state(repo)).as("exactly the plan's items went").isEqualTo(expected);
        assertThat(retention.plan(namespace, NOW).removals()).as("no further tag goes on a second run")
                .noneMatch(TagRemoval.class::isInstance);
        Statistics.label("tags removed").collect(plan.removals().stream().filter(TagRemoval.class::isInstance)
                .count() > 0);
        Statistics.label("manifests removed").collect(plan.removals().stream()
                .filter(ManifestRemoval.class::isInstance).count() > 0);
        Statistics.label("kept by a protection").collect(!plan.kept().isEmpty());
    }

    // ---------------------------------------------------------------- the repository

    private static void build(RepositoryName repo, List<TagSpec> tags, List<UntaggedSpec> untagged) {
        List<TagSpec> byPush = tags.stream().sorted(Comparator.comparingInt(TagSpec::pushDay)).toList();
        for (TagSpec tag : byPush) {
            clock.set(day(tag.pushDay()));
            put(manifest(repo, "tagged-" + tag.manifest(), null, day(0)), List.of(), tag.name());
        }
        for (TagSpec tag : tags) {
            if (tag.pullDay() != null) {
                store.activity().recordPulls(List.of(new Pull(repo, digestOf(repo, "tagged-" + tag.manifest()),
                        Tag.parse(tag.name()), day(tag.pullDay()))));
            }
        }
        List<Digest> untaggedDigests = new ArrayList<>();
        for (int i = 0; i < untagged.size(); i++) {
            UntaggedSpec spec = untagged.get(i);
            Digest subject = switch (spec.subject()) {
                case -1 -> null;
                case -2 -> Digest.of(DigestAlgorithm.SHA256, ("absent " + i).getBytes(StandardCharsets.UTF_8));
                default -> spec.subject() >= 100 && spec.subject() - 100 < i
                        ? untaggedDigests.get(spec.subject() - 100)
                        : spec.subject() < 100 ? digestOf(repo, "tagged-" + spec.subject()) : null;
            };
            clock.set(day(spec.pushDay()));
            ManifestRecord m = manifest(repo, "untagged-" + i, subject, day(spec.pushDay()));
            put(m, List.of(), spec.tagged() ? "ref-" + i : null);
            untaggedDigests.add(m.digest());
            if (spec.pullDay() != null) {
                store.activity().recordPulls(List.of(new Pull(repo, m.digest(), null, day(spec.pullDay()))));
            }
            if (spec.listing() > 0) {
                ManifestRecord index = manifest(repo, "index-" + i, null, day(spec.pushDay()));
                put(index, List.of(m.digest()), spec.listing() == 2 ? "idx-" + i : null);
            }
        }
    }

    private static void put(ManifestRecord manifest, List<Digest> children, String tag) {
        assertThat(store.manifests().put(manifest, List.of(), children, tag == null ? List.of()
                : List.of(Tag.parse(tag)))).isEmpty();
    }

    private static ManifestRecord manifest(RepositoryName repo, String seed, Digest subject, Instant pushedAt) {
        byte[] content = ("{\"seed\":\"" + repo + "/" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
        return new ManifestRecord(repo, Digest.of(DigestAlgorithm.SHA256, content), MediaTypes.OCI_MANIFEST, content,
                null, subject, Map.of(), pushedAt);
    }

    private static Digest digestOf(RepositoryName repo, String seed) {
        return manifest(repo, seed, null, T0).digest();
    }

    private static Instant day(int day) {
        return T0.plus(Duration.ofDays(day));
    }

    private static RetentionPolicy policy(String namespace, PolicySpec spec) {
        boolean tagRules = spec.keepLast() != null || spec.pushedDays() != null || spec.pulledDays() != null;
        Integer untaggedDays = !tagRules && spec.untaggedDays() == null ? Integer.valueOf(5) : spec.untaggedDays();
        return RetentionPolicy.in(namespace)
                .repositories(spec.globMatches() ? namespace + "/*" : namespace + "/other-*")
                .keepLastTags(spec.keepLast())
                .keepPushedWithin(spec.pushedDays() == null ? null : Duration.ofDays(spec.pushedDays()))
                .keepPulledWithin(spec.pulledDays() == null ? null : Duration.ofDays(spec.pulledDays()))
                .includeTags(tagRules ? spec.include() : null)
                .excludeTags(tagRules ? spec.exclude() : null)
                .untaggedOlderThan(untaggedDays == null ? null : Duration.ofDays(untaggedDays))
                .enabled(spec.enabled())
                .build();
    }

    // ---------------------------------------------------------------- an independent reading of the rules

    /**
     * The tags the rules remove, read from the tag list by counting: a policy applies when enabled with a matching
     * glob; it would keep a candidate when fewer than N candidates are more recent (later push, or the same push and
     * earlier in tag-list order), or it was pushed or pulled within a period; a tag goes when some policy would
     * remove it and none would keep it, unless the immutability expression matches it.
     */
    private static Set<String> expectedTagRemovals(RepositoryName repo, List<RetentionPolicy> policies,
                                                   String immutableRegex) {
        List<TagRecord> tags = store.activity().tags(repo, null, 1000);
        Set<String> removed = new TreeSet<>();
        Set<String> keptByAny = new HashSet<>();
        for (RetentionPolicy policy : policies) {
            if (!policy.enabled() || !policy.repositoryGlob().equals(repo.value().replace("/app", "/*"))
                    || !policy.hasTagRules()) {
                continue;
            }
            List<TagRecord> candidates = tags.stream().filter(t -> candidate(policy, t.tag().value())).toList();
            for (TagRecord tag : candidates) {
                long moreRecent = candidates.stream().filter(c -> c.pushedAt().isAfter(tag.pushedAt())
                        || (c.pushedAt().equals(tag.pushedAt()) && Tag.ORDER.compare(c.tag().value(),
                        tag.tag().value()) < 0)).count();
                boolean keep = (policy.keepLastTags() != null && moreRecent < policy.keepLastTags())
                        || (policy.keepPushedWithin() != null
                        && !tag.pushedAt().isBefore(NOW.minus(policy.keepPushedWithin())))
                        || (policy.keepPulledWithin() != null && tag.lastPulledAt() != null
                        && !tag.lastPulledAt().isBefore(NOW.minus(policy.keepPulledWithin())));
                (keep ? keptByAny : removed).add(tag.tag().value());
            }
        }
        Statistics.label("keepLastTags cuts through tags pushed at one instant").collect(policies.stream()
                .anyMatch(p -> p.enabled() && p.keepLastTags() != null && p.keepLastTags() > 0
                        && cutsThroughATie(p, tags)));
        removed.removeAll(keptByAny);
        if (immutableRegex != null) {
            removed.removeIf(t -> Pattern.matches(immutableRegex, t));
        }
        return removed;
    }

    private static boolean cutsThroughATie(RetentionPolicy policy, List<TagRecord> tags) {
        List<Instant> pushes = tags.stream().filter(t -> candidate(policy, t.tag().value())).map(TagRecord::pushedAt)
                .sorted(Comparator.reverseOrder()).toList();
        int n = policy.keepLastTags();
        return n < pushes.size() && pushes.get(n - 1).equals(pushes.get(n));
    }

    private static boolean candidate(RetentionPolicy policy, String tag) {
        return (policy.includeTags() == null || Pattern.matches(policy.includeTags(), tag))
                && (policy.excludeTags() == null || !Pattern.matches(policy.excludeTags(), tag));
    }

    /**
     * Every manifest the plan removes was untagged, not listed by an index, its subject absent, and idle for the
     * longest period of the applicable policies; its referrers carry no tag and no index lists them. And an untagged
     * manifest nothing refers to, with no subject and no index listing it, goes exactly when it is that idle.
     */
    private static void checkRemovable(RepositoryName repo, RetentionPlan plan, List<RetentionPolicy> policies) {
        Duration longest = policies.stream().filter(p -> p.enabled() && p.untaggedOlderThan() != null
                        && p.repositoryGlob().equals(repo.value().replace("/app", "/*")))
                .map(RetentionPolicy::untaggedOlderThan).max(Comparator.naturalOrder()).orElse(null);
        Map<Digest, UntaggedManifest> untagged = new TreeMap<>();
        store.retention().untaggedManifests(repo, null, 1000).forEach(u -> untagged.put(u.digest(), u));
        Set<Digest> removed = new HashSet<>();
        for (Removal removal : plan.removals()) {
            if (removal instanceof ManifestRemoval m) {
                removed.add(m.digest());
                UntaggedManifest u = untagged.get(m.digest());
                assertThat(u).as("untagged").isNotNull();
                assertThat(longest).isNotNull();
                assertThat(u.listedByIndex() || u.subjectPresent() || u.taggedReferrer()).isFalse();
                assertThat(u.lastActiveAt()).isBefore(NOW.minus(longest));
                for (Digest referrer : m.referrers()) {
                    assertThat(untagged.get(referrer)).as("an untagged referrer").isNotNull()
                            .matches(r -> !r.listedByIndex() && !r.taggedReferrer());
                }
            }
        }
        Set<Digest> subjects = new HashSet<>();
        untagged.values().forEach(u -> {
            if (u.subject() != null) {
                subjects.add(u.subject());
            }
        });
        for (UntaggedManifest u : untagged.values()) {
            boolean plain = u.subject() == null && !u.listedByIndex() && !u.taggedReferrer()
                    && !subjects.contains(u.digest());
            if (plain) {
                boolean idle = longest != null && u.lastActiveAt().isBefore(NOW.minus(longest));
                assertThat(removed.contains(u.digest())).as("plain untagged manifest %s", u).isEqualTo(idle);
            }
        }
    }

    private static Map<String, Object> state(RepositoryName repo) {
        Map<String, Object> state = new TreeMap<>();
        for (TagRecord tag : store.activity().tags(repo, null, 1000)) {
            state.put("tag " + tag.tag().value(), tag);
            state.put("manifest " + tag.manifest(), store.activity().manifest(repo, tag.manifest()).orElseThrow());
        }
        for (UntaggedManifest u : store.retention().untaggedManifests(repo, null, 1000)) {
            state.put("manifest " + u.digest(), store.activity().manifest(repo, u.digest()).orElseThrow());
        }
        return state;
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<List<TagSpec>> tags() {
        // Few distinct days, so that tags pushed at the same instant are common and keepLastTags cuts through them.
        Arbitrary<Integer> days = Arbitraries.of(0, 10, 20, 25, 28, 30);
        Arbitrary<TagSpec> tag = Combinators.combine(Arbitraries.of(TAG_NAMES), Arbitraries.integers().between(0, 3),
                days, days.injectNull(0.6)).as(TagSpec::new);
        return tag.list().ofMinSize(1).ofMaxSize(8).uniqueElements(TagSpec::name);
    }

    @Provide
    Arbitrary<List<UntaggedSpec>> untagged() {
        Arbitrary<Integer> subject = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(-1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(-2)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 3)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(100, 104)));
        Arbitrary<UntaggedSpec> spec = Combinators.combine(Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 30).injectNull(0.7), subject,
                Arbitraries.of(true, false, false, false),
                Arbitraries.of(0, 0, 0, 0, 1, 2))
                .as(UntaggedSpec::new);
        return spec.list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<PolicySpec>> policies() {
        Arbitrary<PolicySpec> policy = Combinators.combine(
                Arbitraries.integers().between(0, 4).injectNull(0.4),
                Arbitraries.integers().between(1, 20).injectNull(0.6),
                Arbitraries.integers().between(1, 20).injectNull(0.6),
                Arbitraries.of(EXPRESSIONS).injectNull(0.6),
                Arbitraries.of(EXPRESSIONS).injectNull(0.7),
                Arbitraries.integers().between(1, 20).injectNull(0.5),
                Arbitraries.of(true, true, true, false),
                Arbitraries.of(true, true, true, false)).as(PolicySpec::new);
        return policy.list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> immutable() {
        return Arbitraries.of(EXPRESSIONS).injectNull(0.6);
    }
}
