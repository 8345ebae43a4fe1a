package io.stowage.metadata;

import io.stowage.oci.RepositoryName;

import java.util.List;
import java.util.OptionalLong;

/**
 * Lifecycle policies attached to namespaces ({@link NamespaceIndex}): rules that make tags immutable, and a storage
 * quota. The store keeps them and enforces the quota when it links blobs ({@link BlobIndex}); which tags a rule makes
 * immutable is the service's to decide. Like grants, a policy names an existing namespace, and deleting the namespace
 * deletes its policies, so a namespace created again under an old name starts without any.
 */
public interface PolicyIndex {

    /**
     * Adds a rule (whose id must be 0) and returns the id the store assigned: positive, never reused, larger than that
     * of every rule added before. Empty, writing nothing, when the namespace does not exist.
     */
    OptionalLong addImmutabilityRule(ImmutabilityRule rule);

    /** False when there is no rule with that id. */
    boolean removeImmutabilityRule(long id);

    /** The namespace's rules, in the order they were added (by id). */
    List<ImmutabilityRule> immutabilityRules(String namespace);

    /**
     * The rules of every namespace covering {@code repository} ({@link Namespaces#covering}), in the order they were
     * added (by id). Their globs are not applied: that is the caller's to do.
     */
    List<ImmutabilityRule> immutabilityRulesCovering(RepositoryName repository);

    /**
     * Sets the namespace's storage quota in bytes (not negative), or removes it when {@code bytes} is empty; false
     * when there is no such namespace. A quota below what the namespace already stores is allowed: it refuses every
     * new blob until enough is deleted and collected.
     */
    boolean setQuota(String namespace, OptionalLong bytes);

    /** The namespace's quota; empty when it has none or does not exist. */
    OptionalLong quota(String namespace);
}
