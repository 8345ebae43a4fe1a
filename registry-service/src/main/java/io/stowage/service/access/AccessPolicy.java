package io.stowage.service.access;

import io.stowage.metadata.Grant;
import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.metadata.PrincipalKind;
import io.stowage.metadata.RepositoryRule;
import io.stowage.metadata.Role;
import io.stowage.oci.RepositoryName;
import io.stowage.security.scope.Action;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what an identity may do on a repository, from the namespaces, grants and rules in the metadata store.
 *
 * <ul>
 *   <li>An administrator may do everything.</li>
 *   <li>Everyone may do what anonymous callers may ({@code auth.anonymous}), and pull from public namespaces: logging
 *       in never takes rights away.</li>
 *   <li>A namespace covers the repositories named by it or below it ({@code team-a} covers {@code team-a} and
 *       {@code team-a/app}, not {@code team-ab}). The identity's role in a repository is its highest grant, as a
 *       user, robot or member of a group, in any namespace covering it.</li>
 *   <li>Rules in a covering namespace whose glob matches the repository and whose principal is the identity replace
 *       the grants there: the highest role among them applies, and a denying rule wins over every other rule. A
 *       rule also takes away what a robot's own scopes give, never the anonymous or public baseline.</li>
 *   <li>A robot also has what its scopes give.</li>
 * </ul>
 */
public final class AccessPolicy {

    private static final int PAGE = 1000;

    private final MetadataStore metadata;
    private final AnonymousAccess anonymous;
    private final TtlCache<String, List<NamespaceRecord>> namespaces;
    private final TtlCache<Principal, List<Grant>> grants;
    private final TtlCache<String, List<RepositoryRule>> rules;

    record Principal(PrincipalKind kind, String name) {
    }

    public AccessPolicy(MetadataStore metadata, AnonymousAccess anonymous, Duration cacheTtl) {
        this.metadata = metadata;
        this.anonymous = anonymous;
        this.namespaces = new TtlCache<>(cacheTtl, 1);
        this.grants = new TtlCache<>(cacheTtl, 10_000);
        this.rules = new TtlCache<>(cacheTtl, 10_000);
    }

    public AnonymousAccess anonymous() {
        return anonymous;
    }

    /** Forgets what was read, after a change made through this node. */
    public void invalidate() {
        namespaces.clear();
        grants.clear();
        rules.clear();
    }

    /** The actions {@code identity} may take on {@code repository} (pull, push, delete; never {@code *}). */
    public Set<Action> allowed(Identity identity, RepositoryName repository) {
        if (identity.administrator()) {
            return Permissions.all();
        }
        EnumSet<Action> baseline = EnumSet.noneOf(Action.class);
        baseline.addAll(anonymous.actions());
        if (baseline.containsAll(Permissions.all())) {
            return baseline;
        }
        String name = repository.value();
        List<NamespaceRecord> covering = covering(name);
        for (NamespaceRecord namespace : covering) {
            if (namespace.publicPull()) {
                baseline.add(Action.PULL);
            }
        }
        List<Principal> principals = principals(identity);
        if (principals.isEmpty()) {
            return baseline;
        }
        EnumSet<Action> own = EnumSet.noneOf(Action.class);
        if (identity instanceof Identity.Robot robot) {
            for (RobotScope scope : robot.scopes()) {
                if (scope.repositories().matches(name)) {
                    own.addAll(scope.actions());
                }
            }
        }
        List<RepositoryRule> matching = matchingRules(covering, principals, name);
        if (!matching.isEmpty()) {
            if (matching.stream().anyMatch(RepositoryRule::denies)) {
                return baseline;
            }
            Role best = matching.stream().map(RepositoryRule::role).max(Role::compareTo).orElseThrow();
            own.addAll(Permissions.of(best));
        } else {
            own.addAll(Permissions.of(roleIn(covering, principals)));
        }
        own.addAll(baseline);
        return own;
    }

    /** Whether any namespace is public, so that an anonymous caller may pull something even when mode is none. */
    public boolean anyPublic() {
        return allNamespaces().stream().anyMatch(NamespaceRecord::publicPull);
    }

    /** The identity's role in the namespace itself (grants only), for managing its members; empty when none. */
    public Optional<Role> roleIn(Identity identity, String namespace) {
        if (identity.administrator()) {
            return Optional.of(Role.ADMIN);
        }
        Optional<NamespaceRecord> record = allNamespaces().stream().filter(n -> n.name().equals(namespace)).findFirst();
        return record.map(r -> roleIn(List.of(r), principals(identity)));
    }

    /** The namespaces covering {@code repository}: named by it or by a prefix of it ending at a slash. */
    List<NamespaceRecord> covering(String repository) {
        List<NamespaceRecord> result = new ArrayList<>();
        for (NamespaceRecord namespace : allNamespaces()) {
            String n = namespace.name();
            if (repository.equals(n) || (repository.startsWith(n) && repository.charAt(n.length()) == '/')) {
                result.add(namespace);
            }
        }
        return result;
    }

    private Role roleIn(List<NamespaceRecord> covering, List<Principal> principals) {
        Role best = null;
        for (Principal principal : principals) {
            for (Grant grant : grants.get(principal, p -> metadata.namespaces().grantsOf(p.kind(), p.name()))) {
                boolean applies = covering.stream().anyMatch(n -> n.name().equals(grant.namespace()));
                if (applies && (best == null || grant.role().compareTo(best) > 0)) {
                    best = grant.role();
                }
            }
        }
        return best;
    }

    private List<RepositoryRule> matchingRules(List<NamespaceRecord> covering, List<Principal> principals,
                                               String repository) {
        List<RepositoryRule> matching = new ArrayList<>();
        for (NamespaceRecord namespace : covering) {
            for (RepositoryRule rule : rules.get(namespace.name(), n -> metadata.namespaces().rules(n))) {
                if (principals.contains(new Principal(rule.kind(), rule.principal()))
                        && RepositoryGlob.parse(rule.repositoryGlob()).matches(repository)) {
                    matching.add(rule);
                }
            }
        }
        return matching;
    }

    private static List<Principal> principals(Identity identity) {
        return switch (identity) {
            case Identity.Anonymous a -> List.of();
            case Identity.Named n -> List.of();
            case Identity.Robot r -> List.of(new Principal(PrincipalKind.ROBOT, r.name()));
            case Identity.User u -> {
                List<Principal> list = new ArrayList<>();
                list.add(new Principal(PrincipalKind.USER, u.name()));
                for (String group : u.groups()) {
                    list.add(new Principal(PrincipalKind.GROUP, group));
                }
                yield list;
            }
        };
    }

    private List<NamespaceRecord> allNamespaces() {
        return namespaces.get("all", k -> {
            List<NamespaceRecord> all = new ArrayList<>();
            String after = null;
            while (true) {
                List<NamespaceRecord> page = metadata.namespaces().list(after, PAGE);
                all.addAll(page);
                if (page.size() < PAGE) {
                    return List.copyOf(all);
                }
                after = page.getLast().name();
            }
        });
    }
}
