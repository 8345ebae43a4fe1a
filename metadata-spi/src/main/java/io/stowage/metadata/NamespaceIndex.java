package io.stowage.metadata;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Namespaces and who holds which role in them: grants (one role per principal per namespace) and per-repository
 * rules that make exceptions to them. The store only keeps these; which grant or rule applies to a request, and what
 * a role allows, is the access-control service's to decide.
 *
 * <p>A grant or rule names an existing namespace and, for users and robots, an existing account: one naming an
 * unknown one is refused, and deleting a namespace, user or robot deletes the grants and rules naming it. So a
 * namespace or account created again under an old name never inherits what its predecessor was granted. A group
 * is only a name, so grants and rules for groups are always accepted.
 */
public interface NamespaceIndex {

    /** Records a new namespace; false, writing nothing, when the name is taken. */
    boolean create(NamespaceRecord namespace);

    Optional<NamespaceRecord> find(String name);

    /** Namespaces in lexical order of name, strictly after {@code after} (null: from the start), at most limit. */
    List<NamespaceRecord> list(String after, int limit);

    /** Sets whether anyone may pull from the namespace; false when there is no such namespace. */
    boolean setPublic(String name, boolean publicPull);

    /**
     * Deletes the namespace with its grants and rules and its lifecycle policies ({@link PolicyIndex},
     * {@link RetentionIndex}), in one transaction; false when there is no such namespace.
     */
    boolean delete(String name);

    /**
     * Gives the principal the grant's role in the namespace, replacing any role it had there. False, writing
     * nothing, when the namespace does not exist, or the principal is a user or robot that does not exist.
     */
    boolean grant(Grant grant);

    /** Removes the principal's grant in the namespace; false when it had none. */
    boolean revoke(String namespace, PrincipalKind kind, String principal);

    /** The namespace's grants, ordered by principal kind ({@link PrincipalKind} order), then principal. */
    List<Grant> grants(String namespace);

    /** The principal's grants, in lexical order of namespace. */
    List<Grant> grantsOf(PrincipalKind kind, String principal);

    /**
     * Adds a rule (whose id must be 0) and returns the id the store assigned: positive, never reused, larger than that
     * of every rule added before. Empty, writing nothing, when the namespace does not exist, or the principal is a
     * user or robot that does not exist.
     */
    OptionalLong addRule(RepositoryRule rule);

    /** False when there is no rule with that id. */
    boolean removeRule(long id);

    /** The namespace's rules, in the order they were added (by id). */
    List<RepositoryRule> rules(String namespace);
}
