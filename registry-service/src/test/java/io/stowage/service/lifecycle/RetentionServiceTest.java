package io.stowage.service.lifecycle;

import io.stowage.security.MutableClock;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.metadata.RetentionPolicy;
import io.stowage.metadata.TagRecord;
import io.stowage.metadata.UntaggedManifest;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.service.EmbeddedBackends;
import io.stowage.service.Registry;
import io.stowage.service.StorageLayout;
import io.stowage.service.gc.GarbageCollector;
import io.stowage.service.jobs.JobScheduler;
import io.stowage.service.lifecycle.RetentionPlan.Kept;
import io.stowage.service.lifecycle.RetentionPlan.ManifestRemoval;
import io.stowage.service.lifecycle.RetentionPlan.Protection;
import io.stowage.service.lifecycle.RetentionPlan.Removal;
import io.stowage.service.lifecycle.RetentionPlan.TagRemoval;
import io.stowage.service.lifecycle.RetentionReport.SkipReason;
import io.stowage.service.lifecycle.RetentionReport.Skipped;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retention policies on the embedded backends, through the services as a client would push and pull: for each rule,
 * cases that must act and cases that must not; protections (immutable tags, indexes, referrers); what a plan lists is
 * exactly what applying it removes; and what changed in between is skipped, never removed.
 */
class RetentionServiceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final RepositoryName APP = RepositoryName.parse("team-a/app");

    @TempDir
    Path dir;
    private MutableClock clock;
    private EmbeddedBackends backends;
    private MetadataStore metadata;
    private Registry registry;
    private Images images;
    private RetentionService retention;

    @BeforeEach
    void open() {
        clock = new MutableClock(T0);
        backends = EmbeddedBackends.open(dir, clock);
        metadata = backends.metadata();
        registry = Registry.over(backends.objects(), metadata, clock);
        images = new Images(registry, metadata);
        retention = new RetentionService(metadata);
        metadata.namespaces().create(new NamespaceRecord("team-a", false, T0));
    }

    @AfterEach
    void close() {
        registry.close();
        backends.close();
    }

    // ---------------------------------------------------------------- keep the last N tags

    @Test
    void theLastNTagsByPushTimeAreKeptAndTheOlderOnesRemovedLeavingTheirManifests() throws Exception {
        Map<String, Digest> pushed = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            pushed.put("v" + i, push(APP, "v" + i, days(i)));
        }
        RetentionPolicy policy = add(RetentionPolicy.in("team-a").keepLastTags(2).build());

        RetentionPlan plan = retention.plan(at(days(30)));

        assertThat(tagsRemovedBy(plan)).containsExactly("team-a/app:v1", "team-a/app:v2", "team-a/app:v3");
        assertThat(plan.removals()).allSatisfy(r -> assertThat(r.policies()).containsExactly(policy.id()));
        assertThat(plan.kept()).isEmpty();
        applyAndCheckExactly(plan);
        assertThat(tags(APP)).containsExactly("v4", "v5");
        for (String gone : List.of("v1", "v2", "v3")) {
            assertThat(metadata.manifests().find(APP, pushed.get(gone))).as("deleting a tag never removes the"
                    + " manifest").isPresent();
        }
    }

    @Test
    void keepingTheLastNDoesNothingWhileThereAreNoMoreThanNTags() throws Exception {
        for (int i = 1; i <= 3; i++) {
            push(APP, "v" + i, days(i));
        }
        RetentionPolicy policy = add(RetentionPolicy.in("team-a").keepLastTags(3).build());

        assertThat(retention.plan(at(days(1000))).removals()).isEmpty();
        retention.updatePolicy(RetentionPolicy.in("team-a").keepLastTags(1_000).build().withId(policy.id()));
        assertThat(retention.plan(at(days(1000))).removals()).isEmpty();
        assertThat(retention.apply(retention.plan(at(days(1000)))).removed()).isEmpty();
        assertThat(tags(APP)).containsExactly("v1", "v2", "v3");
    }

    @Test
    void tagsPushedAtTheSameInstantRankInTagListOrder() throws Exception {
        push(APP, "old", days(0));
        clock.set(at(days(1)));
        Digest config = images.blob(APP, "same instant");
        images.put(APP, Tag.parse("c"), images.manifest(config), Tag.parse("B"), Tag.parse("a"));
        RetentionPolicy policy = add(RetentionPolicy.in("team-a").keepLastTags(1).build());

        RetentionPlan plan = retention.plan(at(days(2)));
        assertThat(tagsRemovedBy(plan)).as("a counts as the most recent, then B, then c")
                .containsExactly("team-a/app:B", "team-a/app:c", "team-a/app:old");
        assertThat(retention.plan(at(days(2)))).as("deterministic").isEqualTo(plan);

        retention.updatePolicy(RetentionPolicy.in("team-a").keepLastTags(2).build().withId(policy.id()));
        assertThat(tagsRemovedBy(retention.plan(at(days(2))))).containsExactly("team-a/app:c", "team-a/app:old");
        applyAndCheckExactly(retention.plan(at(days(2))));
        assertThat(tags(APP)).containsExactly("a", "B");
    }

    // ---------------------------------------------------------------- keep pushed or pulled within

    @Test
    void tagsPushedWithinThePeriodAreKeptTheBoundaryIncluded() throws Exception {
        push(APP, "day0", days(0));
        push(APP, "day10", days(10));
        push(APP, "day20", days(20));
        RetentionPolicy policy = add(RetentionPolicy.in("team-a").keepPushedWithin(Duration.ofDays(31)).build());

        assertThat(retention.plan(at(days(30))).removals()).as("everything pushed within 31 days").isEmpty();

        retention.updatePolicy(RetentionPolicy.in("team-a").keepPushedWithin(Duration.ofDays(10)).build()
                .withId(policy.id()));
        RetentionPlan plan = retention.plan(at(days(30)));
        assertThat(tagsRemovedBy(plan)).as("day20 was pushed exactly 10 days ago")
                .containsExactly("team-a/app:day0", "team-a/app:day10");
        applyAndCheckExactly(plan);
        assertThat(tags(APP)).containsExactly("day20");
    }

    @Test
    void tagsPulledByNameWithinThePeriodAreKept() throws Exception {
        Digest a = push(APP, "a", days(0));
        push(APP, "b", days(0));
        push(APP, "c", days(0));
        push(APP, "fresh", days(29));
        clock.set(at(days(25)));
        registry.manifests().get(APP, Tag.parse("b"));
        clock.set(at(days(29)));
        registry.manifests().get(APP, a);
        registry.pulls().flush();
        add(RetentionPolicy.in("team-a").keepPulledWithin(Duration.ofDays(7)).build());

        RetentionPlan plan = retention.plan(at(days(30)));

        assertThat(tagsRemovedBy(plan)).as("b was pulled 5 days ago; a's manifest was pulled by digest, not the tag;"
                + " fresh was never pulled").containsExactly("team-a/app:a", "team-a/app:c", "team-a/app:fresh");
        applyAndCheckExactly(plan);
        assertThat(tags(APP)).containsExactly("b");
    }

    @Test
    void aTagKeptByAnyOfItsPolicysKeepRulesStays() throws Exception {
        push(APP, "old-pulled", days(0));
        push(APP, "recent", days(25));
        push(APP, "old", days(1));
        push(APP, "day2", days(2));
        metadata.activity().recordPulls(List.of(new io.stowage.metadata.Pull(APP,
                metadata.manifests().resolve(APP, Tag.parse("old-pulled")).orElseThrow(), Tag.parse("old-pulled"),
                at(days(28)))));
        add(RetentionPolicy.in("team-a").keepLastTags(1).keepPushedWithin(Duration.ofDays(10))
                .keepPulledWithin(Duration.ofDays(10)).build());

        RetentionPlan plan = retention.plan(at(days(30)));

        assertThat(tagsRemovedBy(plan)).as("recent is the last pushed and within 10 days; old-pulled was pulled")
                .containsExactly("team-a/app:day2", "team-a/app:old");
        applyAndCheckExactly(plan);
    }

    // ---------------------------------------------------------------- include and exclude

    @Test
    void onlyTagsTheIncludeExpressionMatchesAndTheExcludeOneDoesNotAreCandidates() throws Exception {
        for (String tag : List.of("pr-1", "pr-2", "pr-keep-3", "v1", "xpr-1", "pr-")) {
            push(APP, tag, days(0));
        }
        RetentionPolicy policy = add(RetentionPolicy.in("team-a").includeTags("pr").keepLastTags(0).build());

        assertThat(retention.plan(at(days(1))).removals()).as("expressions match whole names").isEmpty();

        retention.updatePolicy(RetentionPolicy.in("team-a").includeTags("pr-.+").excludeTags("pr-keep-.*")
                .keepLastTags(0).build().withId(policy.id()));
        RetentionPlan plan = retention.plan(at(days(1)));
        assertThat(tagsRemovedBy(plan)).containsExactly("team-a/app:pr-1", "team-a/app:pr-2");
        applyAndCheckExactly(plan);
        assertThat(tags(APP)).containsExactly("pr-", "pr-keep-3", "v1", "xpr-1");
    }

    @Test
    void keepLastRanksOnlyTheCandidatesAndAnExcludedTagIsAlwaysKept() throws Exception {
        push(APP, "pr-1", days(0));
        push(APP, "pr-2", days(1));
        push(APP, "v9", days(2));
        push(APP, "latest", days(0));
        add(RetentionPolicy.in("team-a").excludeTags("latest|v[0-9]+").keepLastTags(1).build());

        RetentionPlan plan = retention.plan(at(days(100)));

        assertThat(tagsRemovedBy(plan)).as("v9 is newer but not a candidate: pr-2 is the last candidate")
                .containsExactly("team-a/app:pr-1");
        applyAndCheckExactly(plan);
    }

    // ---------------------------------------------------------------- untagged manifests

    @Test
    void untaggedManifestsNeitherPushedNorPulledWithinThePeriodAreRemovedByDigest() throws Exception {
        Digest old = push(APP, "tmp", days(0));
        registry.manifests().delete(APP, Tag.parse("tmp"));
        Digest young = pushUntagged(APP, "young", days(5));
        Digest pulled = pushUntagged(APP, "pulled", days(0));
        Digest tagged = push(APP, "v1", days(0));
        clock.set(at(days(6)));
        registry.manifests().get(APP, pulled);
        registry.pulls().flush();
        RetentionPolicy policy = add(RetentionPolicy.in("team-a").untaggedOlderThan(Duration.ofDays(30)).build());

        assertThat(retention.plan(at(days(10))).removals()).isEmpty();

        retention.updatePolicy(RetentionPolicy.in("team-a").untaggedOlderThan(Duration.ofDays(7)).build()
                .withId(policy.id()));
        RetentionPlan plan = retention.plan(at(days(10)));
        assertThat(plan.removals()).singleElement().isInstanceOfSatisfying(ManifestRemoval.class, m -> {
            assertThat(m.digest()).isEqualTo(old);
            assertThat(m.referrers()).isEmpty();
            assertThat(m.inactiveBefore()).isEqualTo(at(days(3)));
            assertThat(m.pushedAt()).isEqualTo(at(days(0)));
        });
        applyAndCheckExactly(plan);
        assertThat(metadata.manifests().find(APP, old)).isEmpty();
        for (Digest kept : List.of(young, pulled, tagged)) {
            assertThat(metadata.manifests().find(APP, kept)).isPresent();
        }
        assertThat(tags(APP)).as("a policy about untagged manifests removes no tag").containsExactly("v1");
    }

    @Test
    void aManifestLosingItsLastTagToRetentionIsRemovedOnALaterRunOnceOldEnough() throws Exception {
        Digest first = push(APP, "v1", days(0));
        push(APP, "v2", days(1));
        add(RetentionPolicy.in("team-a").keepLastTags(1).untaggedOlderThan(Duration.ofDays(7)).build());

        RetentionPlan tagsFirst = retention.plan(at(days(10)));
        assertThat(tagsFirst.removals()).extracting(Removal::reference).containsExactly(Tag.parse("v1"));
        applyAndCheckExactly(tagsFirst);

        RetentionPlan second = retention.plan(at(days(10)));
        assertThat(second.removals()).extracting(Removal::reference).containsExactly(first);
        applyAndCheckExactly(second);
        assertThat(retention.plan(at(days(10))).removals()).isEmpty();
    }

    // ---------------------------------------------------------------- protections

    @Test
    void immutableTagsAreNeverRemovedAndReportedAsKept() throws Exception {
        push(APP, "v1", days(0));
        push(APP, "v2", days(0));
        push(APP, "dev", days(0));
        new LifecycleService(metadata).addImmutabilityRule("team-a", null, "v[0-9]+").orElseThrow();
        add(RetentionPolicy.in("team-a").keepLastTags(0).build());

        RetentionPlan plan = retention.plan(at(days(1)));

        assertThat(tagsRemovedBy(plan)).containsExactly("team-a/app:dev");
        assertThat(plan.kept()).extracting(Kept::reference, Kept::protection).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Tag.parse("v1"), Protection.IMMUTABLE),
                org.assertj.core.groups.Tuple.tuple(Tag.parse("v2"), Protection.IMMUTABLE));
        assertThat(plan.kept().getFirst().detail()).isEqualTo("tag v1 is immutable: it matches rule /v[0-9]+/ of"
                + " namespace team-a");
        applyAndCheckExactly(plan);
        assertThat(tags(APP)).containsExactly("v1", "v2");
    }

    @Test
    void aManifestAnIndexListsStaysUntilTheIndexGoes() throws Exception {
        clock.set(at(days(0)));
        Digest amd64 = pushUntagged(APP, "amd64", days(0));
        Digest arm64 = pushUntagged(APP, "arm64", days(0));
        Digest index = images.index(APP, Tag.parse("multi"), amd64, arm64);
        add(RetentionPolicy.in("team-a").untaggedOlderThan(Duration.ofDays(1)).build());

        RetentionPlan tagged = retention.plan(at(days(10)));
        assertThat(tagged.removals()).isEmpty();
        assertThat(tagged.kept()).extracting(Kept::reference, Kept::protection).containsExactly(
                org.assertj.core.groups.Tuple.tuple(smaller(amd64, arm64), Protection.LISTED_BY_INDEX),
                org.assertj.core.groups.Tuple.tuple(larger(amd64, arm64), Protection.LISTED_BY_INDEX));

        registry.manifests().delete(APP, Tag.parse("multi"));
        RetentionPlan untaggedIndex = retention.plan(at(days(10)));
        assertThat(untaggedIndex.removals()).extracting(Removal::reference).containsExactly(index);
        assertThat(untaggedIndex.kept()).hasSize(2);
        applyAndCheckExactly(untaggedIndex);

        RetentionPlan children = retention.plan(at(days(10)));
        assertThat(children.removals()).extracting(Removal::reference)
                .containsExactly(smaller(amd64, arm64), larger(amd64, arm64));
        applyAndCheckExactly(children);
        assertThat(metadata.retention().untaggedManifests(APP, null, 10)).isEmpty();
    }

    @Test
    void theReferrersOfARemovedSubjectGoWithItWhateverTheirAge() throws Exception {
        Digest image = pushUntagged(APP, "image", days(0));
        Digest sbom = pushReferrer(APP, image, "sbom", days(0));
        Digest sbomSignature = pushReferrer(APP, sbom, "sbom signature", days(0));
        Digest signature = pushReferrer(APP, image, "signature", days(9));
        add(RetentionPolicy.in("team-a").untaggedOlderThan(Duration.ofDays(7)).build());

        RetentionPlan plan = retention.plan(at(days(10)));

        assertThat(plan.removals()).singleElement().isInstanceOfSatisfying(ManifestRemoval.class, m -> {
            assertThat(m.digest()).isEqualTo(image);
            assertThat(m.referrers()).containsExactlyElementsOf(new TreeSet<>(List.of(sbom, sbomSignature,
                    signature)));
        });
        applyAndCheckExactly(plan);
        for (Digest gone : List.of(image, sbom, sbomSignature, signature)) {
            assertThat(metadata.manifests().find(APP, gone)).isEmpty();
        }
        assertThat(metadata.manifests().referrers(APP, image, null, null, 10)).isEmpty();
    }

    @Test
    void aReferrerWhoseSubjectExistsIsNeverRemovedForBeingUntagged() throws Exception {
        Digest image = push(APP, "v1", days(0));
        Digest signature = pushReferrer(APP, image, "signature", days(0));
        add(RetentionPolicy.in("team-a").untaggedOlderThan(Duration.ofDays(1)).build());

        assertThat(retention.plan(at(days(100))).removals()).isEmpty();
        assertThat(retention.plan(at(days(100))).kept()).isEmpty();

        registry.manifests().delete(APP, image);
        RetentionPlan plan = retention.plan(at(days(100)));
        assertThat(plan.removals()).as("its subject deleted by a client, it is an untagged manifest like any")
                .extracting(Removal::reference).containsExactly(signature);
        applyAndCheckExactly(plan);
    }

    @Test
    void aTaggedReferrerHoldsItsUntaggedSubject() throws Exception {
        Digest image = pushUntagged(APP, "image", days(0));
        clock.set(at(days(0)));
        images.referrer(APP, image, "signature", Tag.parse("image.sig"));
        add(RetentionPolicy.in("team-a").untaggedOlderThan(Duration.ofDays(1)).build());

        RetentionPlan plan = retention.plan(at(days(10)));

        assertThat(plan.removals()).isEmpty();
        assertThat(plan.kept()).extracting(Kept::reference, Kept::protection)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(image, Protection.TAGGED_REFERRER));
    }

    // ---------------------------------------------------------------- which policies apply

    @Test
    void aRepositoryGlobNarrowsThePolicyToTheRepositoriesItMatches() throws Exception {
        RepositoryName ci = RepositoryName.parse("team-a/ci-x");
        RepositoryName nested = RepositoryName.parse("team-a/ci-x/tools");
        RepositoryName outside = RepositoryName.parse("team-ab/ci-x");
        for (RepositoryName repository : List.of(APP, ci, nested, outside)) {
            push(repository, "old", days(0));
            push(repository, "new", days(1));
        }
        add(RetentionPolicy.in("team-a").repositories("team-a/ci-*").keepLastTags(1).build());

        RetentionPlan plan = retention.plan(at(days(10)));

        assertThat(tagsRemovedBy(plan)).containsExactly("team-a/ci-x:old");
        assertThat(plan.repositories()).singleElement().satisfies(r -> assertThat(r.repository()).isEqualTo(ci));
        applyAndCheckExactly(plan);
        assertThat(retention.policiesOf(nested)).isEmpty();
        assertThat(retention.policiesOf(ci)).hasSize(1);
    }

    @Test
    void aDisabledPolicyDoesNothingUntilEnabled() throws Exception {
        push(APP, "old", days(0));
        push(APP, "new", days(1));
        pushUntagged(APP, "untagged", days(0));
        RetentionPolicy policy = add(RetentionPolicy.in("team-a").keepLastTags(0)
                .untaggedOlderThan(Duration.ofDays(1)).enabled(false).build());
        List<Removal> heard = new ArrayList<>();
        RetentionJob job = new RetentionJob(retention, clock, Duration.ofMinutes(5), heard::add);
        clock.set(at(days(10)));

        assertThat(retention.plan(at(days(10))).repositories()).isEmpty();
        assertThat(retention.plan("team-a", at(days(10))).repositories()).isEmpty();
        assertThat(job.runOnce()).isNull();
        assertThat(heard).isEmpty();
        assertThat(tags(APP)).containsExactly("new", "old");

        assertThat(retention.updatePolicy(policy.withEnabled(true))).isTrue();
        assertThat(retention.plan(at(days(10))).removals()).hasSize(3);
    }

    @Test
    void aTagGoesWhenSomePolicyWouldRemoveItAndNoneWouldKeepIt() throws Exception {
        metadata.namespaces().create(new NamespaceRecord("team-a/ci", false, T0));
        RepositoryName ciApp = RepositoryName.parse("team-a/ci/app");
        for (int i = 1; i <= 5; i++) {
            push(ciApp, "b" + i, days(i));
            push(APP, "b" + i, days(i));
        }
        push(APP, "pr-1", days(0));
        RetentionPolicy outer = add(RetentionPolicy.in("team-a").keepLastTags(3).build());
        add(RetentionPolicy.in("team-a/ci").keepLastTags(1).build());
        RetentionPolicy prs = add(RetentionPolicy.in("team-a").repositories("team-a/app").includeTags("pr-.*")
                .keepLastTags(0).build());

        RetentionPlan plan = retention.plan(at(days(10)));

        assertThat(tagsRemovedBy(plan)).as("the outer policy keeps b3 and b4 in team-a/ci/app")
                .containsExactly("team-a/app:b1", "team-a/app:b2", "team-a/app:pr-1", "team-a/ci/app:b1",
                        "team-a/ci/app:b2");
        TagRemoval pr = (TagRemoval) plan.removals().get(2);
        assertThat(pr.policies()).containsExactly(outer.id(), prs.id());

        retention.updatePolicy(RetentionPolicy.in("team-a").keepLastTags(10).build().withId(outer.id()));
        assertThat(tagsRemovedBy(retention.plan(at(days(10))))).as("a policy keeping a tag outweighs any removing it")
                .isEmpty();
        retention.updatePolicy(RetentionPolicy.in("team-a").untaggedOlderThan(Duration.ofDays(1)).build()
                .withId(outer.id()));
        assertThat(tagsRemovedBy(retention.plan(at(days(10))))).as("a policy without tag rules has no say on tags")
                .containsExactly("team-a/app:pr-1", "team-a/ci/app:b1", "team-a/ci/app:b2", "team-a/ci/app:b3",
                        "team-a/ci/app:b4");
    }

    @Test
    void thePlanOfANamespaceOrRepositoryIsThePlanOfEverythingRestrictedToIt() throws Exception {
        metadata.namespaces().create(new NamespaceRecord("team-a/ci", false, T0));
        metadata.namespaces().create(new NamespaceRecord("team-b", false, T0));
        List<RepositoryName> repositories = List.of(APP, RepositoryName.parse("team-a/ci/app"),
                RepositoryName.parse("team-a-x/app"), RepositoryName.parse("team-b/app"),
                RepositoryName.parse("team-a"));
        for (RepositoryName repository : repositories) {
            push(repository, "old", days(0));
            push(repository, "new", days(1));
        }
        add(RetentionPolicy.in("team-a").keepLastTags(1).build());
        add(RetentionPolicy.in("team-a/ci").keepLastTags(1).build());
        add(RetentionPolicy.in("team-b").keepLastTags(1).build());

        RetentionPlan all = retention.plan(at(days(10)));

        assertThat(tagsRemovedBy(all)).containsExactly("team-a:old", "team-a/app:old", "team-a/ci/app:old",
                "team-b/app:old");
        assertThat(retention.plan("team-a/ci", at(days(10))).repositories())
                .containsExactly(all.repositories().get(2));
        assertThat(retention.plan("team-a", at(days(10))).repositories())
                .containsExactlyElementsOf(all.repositories().subList(0, 3));
        assertThat(retention.plan(RepositoryName.parse("team-b/app"), at(days(10))).repositories())
                .containsExactly(all.repositories().get(3));
        assertThat(retention.plan(RepositoryName.parse("team-a-x/app"), at(days(10))).repositories()).isEmpty();
        applyAndCheckExactly(all);
    }

    // ---------------------------------------------------------------- dry run against real run

    @Test
    void aDryRunListsExactlyWhatTheRealRunThenRemoves() throws Exception {
        RepositoryName web = RepositoryName.parse("team-a/web");
        for (int i = 0; i < 6; i++) {
            push(APP, "build-" + i, days(i));
            push(web, "v0." + i, days(i));
        }
        Digest image = pushUntagged(APP, "orphan image", days(0));
        pushReferrer(APP, image, "its signature", days(1));
        Digest child = pushUntagged(web, "child", days(0));
        images.index(web, null, child);
        new LifecycleService(metadata).addImmutabilityRule("team-a", "team-a/web", "v0\\.0").orElseThrow();
        add(RetentionPolicy.in("team-a").keepLastTags(2).untaggedOlderThan(Duration.ofDays(3)).build());

        RetentionPlan dryRun = retention.plan(at(days(20)));

        assertThat(dryRun.summary()).isEqualTo("would remove 7 tags and 2 untagged manifests (with 1 referrer),"
                + " keeps 2 protected items");
        List<Removal> heard = new CopyOnWriteArrayList<>();
        RetentionReport report = applyAndCheckExactly(dryRun, heard);
        assertThat(heard).containsExactlyElementsOf(dryRun.removals());
        assertThat(report.summary()).isEqualTo("removed 7 tags and 2 untagged manifests (with 1 referrer) in 2"
                + " repositories");
    }

    @Test
    void whatChangedBetweenThePlanAndItsApplicationIsSkippedNeverRemoved() throws Exception {
        Map<String, Digest> digests = new TreeMap<>();
        for (String tag : List.of("t1", "t2", "t3", "t4", "t5", "t6")) {
            digests.put(tag, push(APP, tag, days(0)));
        }
        Digest m1 = pushUntagged(APP, "m1", days(0));
        Digest m2 = pushUntagged(APP, "m2", days(0));
        Digest m3 = pushUntagged(APP, "m3", days(0));
        add(RetentionPolicy.in("team-a").keepLastTags(0).keepPulledWithin(Duration.ofDays(7))
                .untaggedOlderThan(Duration.ofDays(7)).build());
        RetentionPlan plan = retention.plan(at(days(10)));
        assertThat(plan.removals()).hasSize(9);

        clock.set(at(days(9)));
        images.put(APP, Tag.parse("t1"), metadata.manifests().find(APP, digests.get("t1")).orElseThrow().content());
        images.image(APP, "t2", "moved");
        registry.manifests().delete(APP, Tag.parse("t3"));
        new LifecycleService(metadata).addImmutabilityRule("team-a", null, "t4").orElseThrow();
        registry.manifests().get(APP, Tag.parse("t5"));
        images.put(APP, Tag.parse("now-tagged"), metadata.manifests().find(APP, m1).orElseThrow().content());
        registry.manifests().get(APP, m2);
        registry.pulls().flush();

        RetentionReport report = retention.apply(plan);

        assertThat(report.removed()).extracting(Removal::reference).containsExactly(Tag.parse("t6"), m3);
        Map<Object, SkipReason> reasons = new LinkedHashMap<>();
        report.skipped().forEach(s -> reasons.put(s.item().reference(), s.reason()));
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                Tag.parse("t1"), SkipReason.PUSHED_AGAIN,
                Tag.parse("t2"), SkipReason.MOVED,
                Tag.parse("t3"), SkipReason.GONE,
                Tag.parse("t4"), SkipReason.IMMUTABLE,
                Tag.parse("t5"), SkipReason.NO_LONGER_CHOSEN,
                m1, SkipReason.TAGGED,
                m2, SkipReason.NO_LONGER_CHOSEN));
        assertThat(report.skipped()).extracting(s -> s.item().reference()).as("in the plan's order")
                .startsWith(Tag.parse("t1"), Tag.parse("t2"), Tag.parse("t3"), Tag.parse("t4"), Tag.parse("t5"));
        assertThat(report.skipped()).extracting(Skipped::detail).allSatisfy(d -> assertThat(d).isNotBlank());
        assertThat(tags(APP)).containsExactly("now-tagged", "t1", "t2", "t4", "t5");
        assertThat(metadata.manifests().find(APP, m2)).isPresent();
        assertThat(metadata.manifests().find(APP, m3)).isEmpty();
        assertThat(report.summary()).endsWith(", skipped 7 that changed since the plan");
    }

    @Test
    void aPolicyDisabledOrRemovedAfterThePlanStopsItsRemovals() throws Exception {
        push(APP, "old", days(0));
        push(APP, "new", days(1));
        pushUntagged(APP, "untagged", days(0));
        RetentionPolicy policy = add(RetentionPolicy.in("team-a").keepLastTags(1)
                .untaggedOlderThan(Duration.ofDays(1)).build());
        RetentionPlan plan = retention.plan(at(days(10)));
        assertThat(plan.removals()).hasSize(2);

        retention.updatePolicy(policy.withEnabled(false));
        RetentionReport disabled = retention.apply(plan);
        assertThat(disabled.removed()).isEmpty();
        assertThat(disabled.skipped()).extracting(Skipped::reason).containsOnly(SkipReason.NO_LONGER_CHOSEN);

        retention.updatePolicy(policy);
        assertThat(retention.removePolicy("team-a", policy.id())).isTrue();
        assertThat(retention.apply(plan).skipped()).hasSize(2);
        assertThat(tags(APP)).containsExactly("new", "old");
    }

    // ---------------------------------------------------------------- the job, blobs and garbage collection

    @Test
    void theJobAppliesEveryEnabledPolicyAndReportsEachRemoval() throws Exception {
        Digest first = push(APP, "v1", days(0));
        Digest second = push(APP, "v2", days(1));
        push(APP, "v3", days(2));
        add(RetentionPolicy.in("team-a").keepLastTags(1).untaggedOlderThan(Duration.ofDays(7)).build());
        List<Removal> heard = new CopyOnWriteArrayList<>();
        RetentionJob job = new RetentionJob(retention, clock, Duration.ofMinutes(10), heard::add);
        clock.set(at(days(10)));

        assertThat(job.name()).isEqualTo("retention");
        assertThat(job.interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(job.runOnce()).isEqualTo("removed 2 tags and 0 untagged manifests in 1 repository");
        assertThat(heard).extracting(Removal::reference).containsExactly(Tag.parse("v1"), Tag.parse("v2"));
        assertThat(job.runOnce()).isEqualTo("removed 0 tags and 2 untagged manifests in 1 repository");
        assertThat(heard).extracting(Removal::reference).endsWith(smaller(first, second), larger(first, second));
        assertThat(job.runOnce()).as("nothing left to do").isNull();
        assertThatThrownBy(() -> new RetentionJob(retention, clock, Duration.ZERO, r -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSchedulerRunsTheJobOnTheNodeHoldingItsLease() throws Exception {
        push(APP, "v1", days(0));
        push(APP, "v2", days(1));
        add(RetentionPolicy.in("team-a").keepLastTags(1).build());
        clock.set(at(days(10)));
        List<Removal> heard = new CopyOnWriteArrayList<>();
        RetentionJob job = new RetentionJob(retention, clock, Duration.ofMillis(50), heard::add);

        try (JobScheduler scheduler = new JobScheduler(metadata.leases(), clock, "node-1")) {
            scheduler.schedule(job, job.interval());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (heard.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        assertThat(heard).extracting(Removal::reference).containsExactly(Tag.parse("v1"));
        assertThat(metadata.leases().find(RetentionJob.NAME)).as("released on close").isEmpty();
    }

    @Test
    void retentionDeletesNoBlobAndTheCollectionTakesTheLayersOfWhatItRemovedAfterwards() throws Exception {
        clock.set(at(days(0)));
        Digest layer = images.blob(APP, "a layer only this image has");
        Digest config = images.blob(APP, "its config");
        byte[] manifest = images.manifest(config, layer);
        Digest image = images.put(APP, Digest.of(DigestAlgorithm.SHA256, manifest), manifest);
        add(RetentionPolicy.in("team-a").untaggedOlderThan(Duration.ofDays(1)).build());
        clock.set(at(days(10)));

        applyAndCheckExactly(retention.plan(at(days(10))));

        assertThat(metadata.manifests().find(APP, image)).isEmpty();
        assertThat(backends.objects().stat(StorageLayout.blobKey(layer))).as("the bytes are still there")
                .isPresent();
        GarbageCollector collector = new GarbageCollector(backends.objects(), metadata, clock, Duration.ofHours(24));
        assertThat(collector.collect().blobsDeleted()).isEqualTo(2);
        assertThat(backends.objects().stat(StorageLayout.blobKey(layer))).isEmpty();
    }

    // ---------------------------------------------------------------- administration of policies

    @Test
    void policiesAreCheckedAndBelongToTheirNamespace() {
        metadata.namespaces().create(new NamespaceRecord("team-b", false, T0));
        RetentionPolicy policy = add(RetentionPolicy.in("team-a").repositories("team-a/**").keepLastTags(3).build());

        assertThatThrownBy(() -> retention.addPolicy(RetentionPolicy.in("team-a").repositories("prod-*")
                .keepLastTags(1).build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("repository glob prod-* can never match a repository of namespace team-a: globs name"
                        + " whole repositories, e.g. team-a/*");
        assertThat(retention.addPolicy(RetentionPolicy.in("ghost").keepLastTags(1).build())).isEmpty();
        assertThatThrownBy(() -> retention.updatePolicy(RetentionPolicy.in("team-a").keepLastTags(1).build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(retention.removePolicy("team-b", policy.id())).as("not team-b's").isFalse();
        assertThat(retention.policies("team-a")).containsExactly(policy);
        assertThat(retention.policiesOf(APP)).containsExactly(policy);
        assertThat(retention.updatePolicy(policy.withEnabled(false))).isTrue();
        assertThat(retention.policiesOf(APP)).as("only enabled ones apply").isEmpty();
        assertThat(retention.removePolicy("team-a", policy.id())).isTrue();
        assertThat(retention.policies("team-a")).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static Duration days(int days) {
        return Duration.ofDays(days);
    }

    private static Instant at(Duration sinceT0) {
        return T0.plus(sinceT0);
    }

    private RetentionPolicy add(RetentionPolicy policy) {
        return retention.addPolicy(policy).orElseThrow();
    }

    /** Pushes an image under {@code tag} at {@code sinceT0}, its config made from the repository and tag. */
    private Digest push(RepositoryName repository, String tag, Duration sinceT0) throws Exception {
        clock.set(at(sinceT0));
        return images.image(repository, tag, repository + ":" + tag);
    }

    /** Pushes an image by digest, untagged, at {@code sinceT0}. */
    private Digest pushUntagged(RepositoryName repository, String seed, Duration sinceT0) throws Exception {
        clock.set(at(sinceT0));
        Digest config = images.blob(repository, "{\"untagged\":\"" + seed + "\"}");
        byte[] manifest = images.manifest(config);
        return images.put(repository, Digest.of(DigestAlgorithm.SHA256, manifest), manifest);
    }

    /** Pushes an untagged referrer of {@code subject} at {@code sinceT0}. */
    private Digest pushReferrer(RepositoryName repository, Digest subject, String seed, Duration sinceT0)
            throws Exception {
        clock.set(at(sinceT0));
        return images.referrer(repository, subject, seed);
    }

    private List<String> tags(RepositoryName repository) {
        return metadata.manifests().tags(repository, null, 1000).stream().map(Tag::value).toList();
    }

    private static List<String> tagsRemovedBy(RetentionPlan plan) {
        return plan.removals().stream().filter(TagRemoval.class::isInstance)
                .map(r -> r.repository() + ":" + ((TagRemoval) r).tag().tag().value()).toList();
    }

    private static Digest smaller(Digest a, Digest b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static Digest larger(Digest a, Digest b) {
        return a.compareTo(b) < 0 ? b : a;
    }

    private RetentionReport applyAndCheckExactly(RetentionPlan plan) {
        return applyAndCheckExactly(plan, new ArrayList<>());
    }

    /**
     * Applies the plan with nothing changed since it was made, and checks that exactly its removals were made: the
     * report lists them all, in order, nothing skipped, and the store lost exactly those tags and manifests (with the
     * referrers each names) and nothing else.
     */
    private RetentionReport applyAndCheckExactly(RetentionPlan plan, List<Removal> heard) {
        Map<String, Object> before = state();

        RetentionReport report = retention.apply(plan, heard::add);

        assertThat(report.skipped()).isEmpty();
        assertThat(report.removed()).containsExactlyElementsOf(plan.removals());
        assertThat(heard).containsExactlyElementsOf(plan.removals());
        Map<String, Object> expected = new TreeMap<>(before);
        for (Removal removal : plan.removals()) {
            switch (removal) {
                case TagRemoval t -> assertThat(expected.remove("tag " + t.repository() + ":" + t.tag().tag().value()))
                        .isEqualTo(t.tag());
                case ManifestRemoval m -> {
                    assertThat(expected.remove("manifest " + m.repository() + "@" + m.digest())).isNotNull();
                    for (Digest referrer : m.referrers()) {
                        assertThat(expected.remove("manifest " + m.repository() + "@" + referrer)).isNotNull();
                    }
                }
            }
        }
        assertThat(state()).isEqualTo(expected);
        return report;
    }

    /** Every tag (with its record) and every manifest (with its push time) of every repository. */
    private Map<String, Object> state() {
        Map<String, Object> state = new TreeMap<>();
        for (RepositoryName repository : metadata.repositories().list(null, 1000)) {
            for (TagRecord tag : metadata.activity().tags(repository, null, 1000)) {
                state.put("tag " + repository + ":" + tag.tag().value(), tag);
                state.put("manifest " + repository + "@" + tag.manifest(),
                        metadata.activity().manifest(repository, tag.manifest()).orElseThrow());
            }
            for (UntaggedManifest manifest : metadata.retention().untaggedManifests(repository, null, 1000)) {
                state.put("manifest " + repository + "@" + manifest.digest(),
                        metadata.activity().manifest(repository, manifest.digest()).orElseThrow());
            }
        }
        return state;
    }
}
