package io.stowage.service.access;

import io.stowage.metadata.Grant;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.metadata.PrincipalKind;
import io.stowage.metadata.RepositoryRule;
import io.stowage.metadata.Role;
import io.stowage.metadata.RobotRecord;
import io.stowage.metadata.UserRecord;
import io.stowage.oci.RepositoryName;
import io.stowage.security.scope.Action;
import io.stowage.service.EmbeddedBackends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.stowage.security.scope.Action.DELETE;
import static io.stowage.security.scope.Action.PULL;
import static io.stowage.security.scope.Action.PUSH;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link AccessPolicy} over a real SQLite store: roles, namespaces, groups, rules, robots and anonymous modes. */
class AccessPolicyTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    // Never checked by the policy; any storable hash will do.
    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    @TempDir
    Path dir;
    EmbeddedBackends backends;
    MetadataStore metadata;

    @BeforeEach
    void open() {
        backends = EmbeddedBackends.open(dir);
        metadata = backends.metadata();
    }

    @AfterEach
    void close() {
        backends.close();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRoleAllowsItsActions(Role role) {
        user("alice");
        namespace("team-a", false);
        grant("team-a", PrincipalKind.USER, "alice", role);

        Set<Action> expected = switch (role) {
            case READER -> EnumSet.of(PULL);
            case DEVELOPER -> EnumSet.of(PULL, PUSH);
            case MAINTAINER, ADMIN -> EnumSet.of(PULL, PUSH, DELETE);
        };
        assertThat(policy().allowed(alice(), repo("team-a/app"))).isEqualTo(expected);
        assertThat(Permissions.of(role)).isEqualTo(expected);
        assertThat(Permissions.of(null)).isEmpty();
    }

    @Test
    void aNamespaceCoversItselfAndWhatIsBelowItButNotANameThatMerelyStartsAlike() {
        user("alice");
        namespace("team-a", false);
        namespace("team-ab", false);
        grant("team-a", PrincipalKind.USER, "alice", Role.DEVELOPER);
        AccessPolicy policy = policy();

        assertThat(policy.allowed(alice(), repo("team-a"))).containsExactlyInAnyOrder(PULL, PUSH);
        assertThat(policy.allowed(alice(), repo("team-a/x"))).containsExactlyInAnyOrder(PULL, PUSH);
        assertThat(policy.allowed(alice(), repo("team-a/x/y"))).containsExactlyInAnyOrder(PULL, PUSH);
        assertThat(policy.allowed(alice(), repo("team-ab"))).isEmpty();
        assertThat(policy.allowed(alice(), repo("team-ab/x"))).isEmpty();
        assertThat(policy.allowed(alice(), repo("team"))).isEmpty();
        assertThat(policy.allowed(alice(), repo("other/team-a"))).isEmpty();
        assertThat(policy.covering("team-a/x").stream().map(NamespaceRecord::name)).containsExactly("team-a");
        assertThat(policy.covering("team-ab/x").stream().map(NamespaceRecord::name)).containsExactly("team-ab");
    }

    @Test
    void theHighestGrantAcrossTheUserAndItsGroupsApplies() {
        user("alice");
        metadata.users().addMember("devs", "alice");
        metadata.users().addMember("ops", "alice");
        namespace("team-a", false);
        grant("team-a", PrincipalKind.USER, "alice", Role.READER);
        grant("team-a", PrincipalKind.GROUP, "devs", Role.DEVELOPER);
        grant("team-a", PrincipalKind.GROUP, "others", Role.ADMIN);

        assertThat(policy().allowed(alice(), repo("team-a/app"))).containsExactlyInAnyOrder(PULL, PUSH);

        grant("team-a", PrincipalKind.GROUP, "ops", Role.MAINTAINER);
        assertThat(policy().allowed(alice(), repo("team-a/app"))).containsExactlyInAnyOrder(PULL, PUSH, DELETE);
        // a user of the same name as a group gains nothing from the group's grants
        user("others");
        assertThat(policy().allowed(user("others", List.of()), repo("team-a/app"))).isEmpty();
    }

    @Test
    void nestedNamespacesAddUpToTheHighestGrantOfAnyCoveringOne() {
        user("alice");
        namespace("org", false);
        namespace("org/team", false);
        grant("org", PrincipalKind.USER, "alice", Role.READER);
        grant("org/team", PrincipalKind.USER, "alice", Role.MAINTAINER);
        AccessPolicy policy = policy();

        assertThat(policy.allowed(alice(), repo("org/app"))).containsExactly(PULL);
        assertThat(policy.allowed(alice(), repo("org/team"))).containsExactlyInAnyOrder(PULL, PUSH, DELETE);
        assertThat(policy.allowed(alice(), repo("org/team/app"))).containsExactlyInAnyOrder(PULL, PUSH, DELETE);
        assertThat(policy.allowed(alice(), repo("org/teams/app"))).containsExactly(PULL);
        assertThat(policy.roleIn(alice(), "org")).contains(Role.READER);
        assertThat(policy.roleIn(alice(), "org/team")).contains(Role.MAINTAINER);
        assertThat(policy.roleIn(alice(), "nowhere")).isEmpty();
    }

    @Test
    void aMatchingRuleReplacesTheGrants() {
        user("alice");
        namespace("team-a", false);
        grant("team-a", PrincipalKind.USER, "alice", Role.MAINTAINER);
        rule("team-a", "team-a/prod-*", PrincipalKind.USER, "alice", Role.READER);
        rule("team-a", "team-a/sandbox/**", PrincipalKind.USER, "alice", Role.ADMIN);
        AccessPolicy policy = policy();

        assertThat(policy.allowed(alice(), repo("team-a/prod-web"))).containsExactly(PULL);
        assertThat(policy.allowed(alice(), repo("team-a/prod-web/sub"))).containsExactlyInAnyOrder(PULL, PUSH, DELETE);
        assertThat(policy.allowed(alice(), repo("team-a/app"))).containsExactlyInAnyOrder(PULL, PUSH, DELETE);
        assertThat(policy.allowed(alice(), repo("team-a/sandbox/x/y"))).containsExactlyInAnyOrder(PULL, PUSH, DELETE);
    }

    @Test
    void aRuleGivesARoleWhereThereIsNoGrant() {
        user("bob");
        namespace("team-a", false);
        rule("team-a", "team-a/shared", PrincipalKind.USER, "bob", Role.DEVELOPER);

        assertThat(policy().allowed(bob(), repo("team-a/shared"))).containsExactlyInAnyOrder(PULL, PUSH);
        assertThat(policy().allowed(bob(), repo("team-a/other"))).isEmpty();
    }

    @Test
    void theHighestOfSeveralMatchingRulesAppliesButADenyWinsOverAll() {
        user("alice");
        metadata.users().addMember("devs", "alice");
        namespace("team-a", false);
        grant("team-a", PrincipalKind.USER, "alice", Role.READER);
        rule("team-a", "team-a/*", PrincipalKind.USER, "alice", Role.DEVELOPER);
        rule("team-a", "team-a/app", PrincipalKind.GROUP, "devs", Role.MAINTAINER);

        assertThat(policy().allowed(alice(), repo("team-a/app"))).containsExactlyInAnyOrder(PULL, PUSH, DELETE);
        assertThat(policy().allowed(alice(), repo("team-a/web"))).containsExactlyInAnyOrder(PULL, PUSH);

        rule("team-a", "team-a/**", PrincipalKind.GROUP, "devs", null);
        assertThat(policy().allowed(alice(), repo("team-a/app"))).isEmpty();
        assertThat(policy().allowed(alice(), repo("team-a/web"))).isEmpty();
    }

    @Test
    void aRuleForSomeoneElseChangesNothing() {
        user("alice");
        user("bob");
        namespace("team-a", false);
        grant("team-a", PrincipalKind.USER, "alice", Role.DEVELOPER);
        rule("team-a", "team-a/**", PrincipalKind.USER, "bob", null);
        rule("team-a", "team-a/**", PrincipalKind.GROUP, "alice", null);
        robot("alice", List.of());
        rule("team-a", "team-a/**", PrincipalKind.ROBOT, "alice", null);

        assertThat(policy().allowed(alice(), repo("team-a/app"))).containsExactlyInAnyOrder(PULL, PUSH);
    }

    @Test
    void aRuleOfANamespaceThatDoesNotCoverTheRepositoryDoesNotApply() {
        user("alice");
        namespace("team-a", false);
        namespace("team-b", false);
        grant("team-a", PrincipalKind.USER, "alice", Role.DEVELOPER);
        // a glob naming team-a's repositories, but kept in team-b: it can't reach outside team-b
        rule("team-b", "team-a/**", PrincipalKind.USER, "alice", null);

        assertThat(policy().allowed(alice(), repo("team-a/app"))).containsExactlyInAnyOrder(PULL, PUSH);
    }

    @Test
    void aDenyTakesAwayWhatARobotsScopesGiveButNotThePublicOrAnonymousBaseline() {
        robot("ci", List.of("repository:team-a/**:pull,push"));
        namespace("team-a", true);
        Identity.Robot ci = robotIdentity("ci", "repository:team-a/**:pull,push");

        assertThat(policy().allowed(ci, repo("team-a/app"))).containsExactlyInAnyOrder(PULL, PUSH);

        rule("team-a", "team-a/app", PrincipalKind.ROBOT, "ci", null);
        assertThat(policy().allowed(ci, repo("team-a/app"))).containsExactly(PULL);
        assertThat(policy().allowed(ci, repo("team-a/web"))).containsExactlyInAnyOrder(PULL, PUSH);

        namespace("team-b", false);
        rule("team-b", "team-b/**", PrincipalKind.ROBOT, "ci", null);
        AccessPolicy anonymousPull = new AccessPolicy(metadata, AnonymousAccess.PULL, Duration.ZERO);
        assertThat(anonymousPull.allowed(ci, repo("team-b/app"))).containsExactly(PULL);
    }

    @Test
    void aDenyForAUserKeepsThePublicBaseline() {
        user("alice");
        namespace("pub", true);
        grant("pub", PrincipalKind.USER, "alice", Role.MAINTAINER);
        rule("pub", "pub/**", PrincipalKind.USER, "alice", null);

        assertThat(policy().allowed(alice(), repo("pub/app"))).containsExactly(PULL);
    }

    @Test
    void aPublicNamespaceLetsAnyonePullAndNothingMore() {
        user("alice");
        namespace("pub", true);
        namespace("private", false);
        AccessPolicy policy = policy();

        assertThat(policy.allowed(Identity.ANONYMOUS, repo("pub"))).containsExactly(PULL);
        assertThat(policy.allowed(Identity.ANONYMOUS, repo("pub/app/x"))).containsExactly(PULL);
        assertThat(policy.allowed(Identity.ANONYMOUS, repo("pubx/app"))).isEmpty();
        assertThat(policy.allowed(Identity.ANONYMOUS, repo("private/app"))).isEmpty();
        assertThat(policy.allowed(alice(), repo("pub/app"))).containsExactly(PULL);
        assertThat(policy.allowed(new Identity.Named("alice"), repo("pub/app"))).containsExactly(PULL);
        assertThat(policy.anyPublic()).isTrue();

        metadata.namespaces().setPublic("pub", false);
        assertThat(policy.allowed(Identity.ANONYMOUS, repo("pub/app"))).isEmpty();
        assertThat(policy.anyPublic()).isFalse();
    }

    @Test
    void aPublicParentMakesNestedPrivateNamespacesPullableToo() {
        namespace("org", true);
        namespace("org/secret", false);

        assertThat(policy().allowed(Identity.ANONYMOUS, repo("org/secret/app"))).containsExactly(PULL);
    }

    @ParameterizedTest
    @EnumSource(AnonymousAccess.class)
    void anonymousModesGiveEveryoneTheirActionsEverywhere(AnonymousAccess mode) {
        user("alice");
        AccessPolicy policy = new AccessPolicy(metadata, mode, Duration.ZERO);
        Set<Action> expected = switch (mode) {
            case NONE -> EnumSet.noneOf(Action.class);
            case PULL -> EnumSet.of(PULL);
            case PUSH -> EnumSet.of(PULL, PUSH, DELETE);
        };

        assertThat(policy.allowed(Identity.ANONYMOUS, repo("any/repo"))).isEqualTo(expected);
        assertThat(policy.allowed(alice(), repo("any/repo"))).isEqualTo(expected);
        assertThat(policy.anonymous()).isEqualTo(mode);
        assertThat(mode.actions()).isEqualTo(expected);
    }

    @Test
    void anonymousModesParse() {
        assertThat(AnonymousAccess.parse("none")).isEqualTo(AnonymousAccess.NONE);
        assertThat(AnonymousAccess.parse("pull")).isEqualTo(AnonymousAccess.PULL);
        assertThat(AnonymousAccess.parse("push")).isEqualTo(AnonymousAccess.PUSH);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AnonymousAccess.parse("PUSH"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAdministratorMayDoEverythingEverywhere() {
        Identity admin = new Identity.User("root", true, List.of());
        namespace("team-a", false);
        rule("team-a", "team-a/**", PrincipalKind.GROUP, "any", null);

        assertThat(policy().allowed(admin, repo("team-a/app"))).containsExactlyInAnyOrder(PULL, PUSH, DELETE);
        assertThat(policy().allowed(admin, repo("unclaimed"))).containsExactlyInAnyOrder(PULL, PUSH, DELETE);
        assertThat(policy().roleIn(admin, "team-a")).contains(Role.ADMIN);
    }

    @Test
    void aRobotHasWhatItsScopeGlobsGiveAndWhatItsGrantsGive() {
        robot("ci", List.of());
        namespace("team-b", false);
        grant("team-b", PrincipalKind.ROBOT, "ci", Role.READER);
        Identity.Robot ci = robotIdentity("ci", "repository:team-a/*:pull,push", "repository:team-a/**:pull",
                "repository:shared:*");
        AccessPolicy policy = policy();

        assertThat(policy.allowed(ci, repo("team-a/app"))).containsExactlyInAnyOrder(PULL, PUSH);
        assertThat(policy.allowed(ci, repo("team-a/app/sub"))).containsExactly(PULL);
        assertThat(policy.allowed(ci, repo("team-a"))).isEmpty();
        assertThat(policy.allowed(ci, repo("team-ab/app"))).isEmpty();
        assertThat(policy.allowed(ci, repo("shared"))).containsExactlyInAnyOrder(PULL, PUSH, DELETE);
        assertThat(policy.allowed(ci, repo("team-b/x"))).containsExactly(PULL);
        // a user of the robot's name has none of the robot's grants
        user("ci");
        assertThat(policy.allowed(user("ci", List.of()), repo("team-b/x"))).isEmpty();
    }

    @Test
    void withoutAnyGrantNothingIsAllowed() {
        user("alice");
        namespace("team-a", false);

        assertThat(policy().allowed(alice(), repo("team-a/app"))).isEmpty();
        assertThat(policy().allowed(Identity.ANONYMOUS, repo("team-a/app"))).isEmpty();
        assertThat(policy().allowed(alice(), repo("unclaimed"))).isEmpty();
    }

    @Test
    void aCachingPolicyForgetsOnInvalidate() {
        user("alice");
        namespace("team-a", false);
        AccessPolicy cached = new AccessPolicy(metadata, AnonymousAccess.NONE, Duration.ofHours(1));
        assertThat(cached.allowed(alice(), repo("team-a/app"))).isEmpty();

        grant("team-a", PrincipalKind.USER, "alice", Role.READER);
        assertThat(cached.allowed(alice(), repo("team-a/app"))).isEmpty();
        cached.invalidate();
        assertThat(cached.allowed(alice(), repo("team-a/app"))).containsExactly(PULL);
    }

    private AccessPolicy policy() {
        return new AccessPolicy(metadata, AnonymousAccess.NONE, Duration.ZERO);
    }

    private Identity.User alice() {
        return user("alice", metadata.users().groupsOf("alice"));
    }

    private Identity.User bob() {
        return user("bob", metadata.users().groupsOf("bob"));
    }

    private static Identity.User user(String name, List<String> groups) {
        return new Identity.User(name, false, groups);
    }

    private static Identity.Robot robotIdentity(String name, String... scopes) {
        return new Identity.Robot(name, List.of(scopes).stream().map(RobotScope::parse).toList());
    }

    private void user(String name) {
        assertThat(metadata.users().create(new UserRecord(name, HASH, false, false, NOW, NOW))).isTrue();
    }

    private void robot(String name, List<String> scopes) {
        assertThat(metadata.robots().create(new RobotRecord(name, HASH, scopes, null, null, "admin", NOW))).isTrue();
    }

    private void namespace(String name, boolean publicPull) {
        assertThat(metadata.namespaces().create(new NamespaceRecord(name, publicPull, NOW))).isTrue();
    }

    private void grant(String namespace, PrincipalKind kind, String principal, Role role) {
        assertThat(metadata.namespaces().grant(new Grant(namespace, kind, principal, role))).isTrue();
    }

    private void rule(String namespace, String glob, PrincipalKind kind, String principal, Role role) {
        assertThat(metadata.namespaces().addRule(new RepositoryRule(namespace, glob, kind, principal, role)))
                .isPresent();
    }

    private static RepositoryName repo(String name) {
        return RepositoryName.parse(name);
    }
}
