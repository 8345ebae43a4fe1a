package io.stowage.service.access.admin;

import io.stowage.metadata.Grant;
import io.stowage.metadata.NamespaceIndex;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.metadata.PrincipalKind;
import io.stowage.metadata.RepositoryRule;
import io.stowage.metadata.Role;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.ConflictException;
import io.stowage.oci.error.NameInvalidException;
import io.stowage.oci.error.NameUnknownException;
import io.stowage.security.Usernames;
import io.stowage.service.access.RepositoryGlob;
import io.stowage.service.access.admin.Changes.Event;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Namespaces with their grants and per-repository rules. Creating, changing and deleting namespaces is for system
 * administrators; a namespace's grants and rules may also be managed by a user holding the ADMIN role in it.
 */
public final class NamespaceAdministration {

    private final NamespaceIndex namespaces;
    private final Changes changes;
    private final Clock clock;

    NamespaceAdministration(NamespaceIndex namespaces, Changes changes, Clock clock) {
        this.namespaces = namespaces;
        this.changes = changes;
        this.clock = clock;
    }

    public NamespaceRecord create(Actor actor, String name, boolean publicPull) {
        return changes.run(actor, Permission.ADMINISTRATOR, new Event("namespace.create", name, null),
                n -> n.publicPull() ? "public" : "private", who -> {
                    requireName(name);
                    if (!namespaces.create(new NamespaceRecord(name, publicPull, clock.instant()))) {
                        throw new ConflictException("a namespace of that name exists", name);
                    }
                    return find(name);
                });
    }

    public Slice<NamespaceRecord> list(Actor actor, String after, int limit) {
        return changes.read(actor, Permission.ADMINISTRATOR, who -> {
            Slice.checkLimit(limit);
            return Slice.of(namespaces.list(after, limit + 1), limit);
        });
    }

    public NamespaceRecord get(Actor actor, String name) {
        return changes.read(actor, Permission.ADMINISTRATOR, who -> find(name));
    }

    public NamespaceRecord setPublic(Actor actor, String name, boolean publicPull) {
        return changes.run(actor, Permission.ADMINISTRATOR, new Event("namespace.update", name, null),
                n -> publicPull ? "public" : "private", who -> {
                    find(name);
                    if (!namespaces.setPublic(name, publicPull)) {
                        throw unknown(name);
                    }
                    return find(name);
                });
    }

    /** Deletes the namespace with its grants and rules; the repositories it covered stay. */
    public void delete(Actor actor, String name) {
        changes.run(actor, Permission.ADMINISTRATOR, new Event("namespace.delete", name, null), v -> null, who -> {
            requireName(name);
            if (!namespaces.delete(name)) {
                throw unknown(name);
            }
            return null;
        });
    }

    public List<Grant> grants(Actor actor, String namespace) {
        return changes.read(actor, new Permission.NamespaceAdministrator(namespace), who -> {
            find(namespace);
            return namespaces.grants(namespace);
        });
    }

    /** Gives the principal {@code role} in the namespace, replacing any role it had there. */
    public Grant grant(Actor actor, String namespace, PrincipalKind kind, String principal, Role role) {
        return changes.run(actor, new Permission.NamespaceAdministrator(namespace),
                new Event("grant.add", namespace, principal(kind, principal)), g -> "role " + id(g.role()), who -> {
                    find(namespace);
                    requirePrincipal(kind, principal);
                    if (role == null) {
                        throw new IllegalArgumentException("a grant needs a role");
                    }
                    Grant grant = new Grant(namespace, kind, principal, role);
                    if (!namespaces.grant(grant)) {
                        throw unknownPrincipal(kind, principal);
                    }
                    return grant;
                });
    }

    public void revoke(Actor actor, String namespace, PrincipalKind kind, String principal) {
        changes.run(actor, new Permission.NamespaceAdministrator(namespace),
                new Event("grant.remove", namespace, principal(kind, principal)), v -> null, who -> {
                    find(namespace);
                    requirePrincipal(kind, principal);
                    if (!namespaces.revoke(namespace, kind, principal)) {
                        throw new NameUnknownException("the principal has no grant in the namespace", principal);
                    }
                    return null;
                });
    }

    public List<RepositoryRule> rules(Actor actor, String namespace) {
        return changes.read(actor, new Permission.NamespaceAdministrator(namespace), who -> {
            find(namespace);
            return namespaces.rules(namespace);
        });
    }

    /**
     * Adds a rule: for the namespace's repositories matching {@code glob}, the principal gets {@code role} instead of
     * its grants, or nothing when {@code role} is null (a denying rule).
     */
    public RepositoryRule addRule(Actor actor, String namespace, String glob, PrincipalKind kind, String principal,
                                  Role role) {
        return changes.run(actor, new Permission.NamespaceAdministrator(namespace),
                new Event("rule.add", namespace, principal(kind, principal)), RuleText::describe, who -> {
                    find(namespace);
                    requirePrincipal(kind, principal);
                    RepositoryGlob.parse(glob);
                    RepositoryRule rule = new RepositoryRule(namespace, glob, kind, principal, role);
                    OptionalLong id = namespaces.addRule(rule);
                    if (id.isEmpty()) {
                        throw unknownPrincipal(kind, principal);
                    }
                    return new RepositoryRule(id.getAsLong(), namespace, glob, kind, principal, role);
                });
    }

    public void removeRule(Actor actor, String namespace, long id) {
        RepositoryRule[] removed = new RepositoryRule[1];
        changes.run(actor, new Permission.NamespaceAdministrator(namespace),
                new Event("rule.remove", namespace, "rule " + id), v -> RuleText.describe(removed[0]), who -> {
                    find(namespace);
                    RepositoryRule rule = namespaces.rules(namespace).stream().filter(r -> r.id() == id).findFirst()
                            .orElseThrow(() -> new NameUnknownException("the namespace has no rule of that id",
                                    Long.toString(id)));
                    if (!namespaces.removeRule(id)) {
                        throw new NameUnknownException("the namespace has no rule of that id", Long.toString(id));
                    }
                    removed[0] = rule;
                    return null;
                });
    }

    /** How a rule reads in the audit log's detail. */
    private static final class RuleText {
        static String describe(RepositoryRule rule) {
            return "rule " + rule.id() + ": " + rule.repositoryGlob() + " " + principal(rule.kind(), rule.principal())
                    + " " + (rule.denies() ? "deny" : id(rule.role()));
        }
    }

    /** Lower-case role names, as the API spells them. */
    public static String id(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /** How the audit log names a principal: {@code user:alice}, {@code robot:ci}, {@code group:devs}. */
    static String principal(PrincipalKind kind, String name) {
        return (kind == null ? "?" : kind.name().toLowerCase(Locale.ROOT)) + ":" + name;
    }

    static void requireName(String name) {
        if (name == null || !RepositoryName.isValid(name)) {
            throw new NameInvalidException("a namespace name is a valid repository name", name);
        }
    }

    private static void requirePrincipal(PrincipalKind kind, String principal) {
        if (kind == null) {
            throw new IllegalArgumentException("a principal is a user, robot or group");
        }
        if (!Usernames.isValid(principal)) {
            throw new IllegalArgumentException("invalid " + kind.name().toLowerCase(Locale.ROOT)
                    + " name: 1 to 64 of a-z 0-9 . _ -, starting with a letter or digit");
        }
    }

    private NamespaceRecord find(String name) {
        requireName(name);
        return namespaces.find(name).orElseThrow(() -> unknown(name));
    }

    private static NameUnknownException unknown(String name) {
        return new NameUnknownException("no such namespace", name);
    }

    private static NameUnknownException unknownPrincipal(PrincipalKind kind, String principal) {
        return new NameUnknownException("no such " + kind.name().toLowerCase(Locale.ROOT), principal);
    }
}
