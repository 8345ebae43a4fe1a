package io.stowage.metadata;

import java.util.Objects;

/**
 * An exception to a namespace's grants for the repositories matching {@code repositoryGlob}: the principal gets
 * {@code role} there instead, or is denied when {@code role} is null. The glob is opaque to the store; how globs match
 * and which rule wins is the access-control service's to decide. {@code id} is assigned by the store when the rule is
 * added; a rule not yet added has id 0.
 */
public record RepositoryRule(long id, String namespace, String repositoryGlob, PrincipalKind kind, String principal,
                             Role role) {

    public RepositoryRule {
        if (id < 0) {
            throw new IllegalArgumentException("a rule id is positive, or 0 before the rule is added");
        }
        NamespaceRecord.requireName(namespace, "namespace");
        Names.require(repositoryGlob, "repositoryGlob");
        Objects.requireNonNull(kind, "kind");
        Names.require(principal, "principal");
    }

    /** A rule to add; the store assigns its id. */
    public RepositoryRule(String namespace, String repositoryGlob, PrincipalKind kind, String principal, Role role) {
        this(0, namespace, repositoryGlob, kind, principal, role);
    }

    /** Whether the rule denies access rather than granting a role. */
    public boolean denies() {
        return role == null;
    }
}
