package io.stowage.metadata;

import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;

import java.util.List;
import java.util.OptionalLong;

/**
 * Retention policies of namespaces ({@link RetentionPolicy}), and the listing their evaluation needs besides the tags
 * with their times ({@link ActivityIndex#tags}). The store keeps policies; which tags and manifests they remove is
 * the service's to decide, and the removals themselves are conditional deletes of {@link ManifestIndex}. Like
 * immutability rules, a policy names an existing namespace, and deleting the namespace deletes its policies.
 */
public interface RetentionIndex {

    /**
     * Adds a policy (whose id must be 0) and returns the id the store assigned: positive, never reused, larger than
     * that of every policy added before. Empty, writing nothing, when the namespace does not exist.
     */
    OptionalLong addPolicy(RetentionPolicy policy);

    /**
     * Replaces every field of the policy with {@code policy}'s id, except its namespace, which must be
     * {@code policy}'s; false, changing nothing, when there is no such policy in that namespace.
     */
    boolean updatePolicy(RetentionPolicy policy);

    /** False when there is no policy with that id. */
    boolean removePolicy(long id);

    /** The namespace's policies, in the order they were added (by id). */
    List<RetentionPolicy> policies(String namespace);

    /**
     * The policies of every namespace covering {@code repository} ({@link Namespaces#covering}), enabled or not, by
     * id. Their globs are not applied: that is the caller's to do.
     */
    List<RetentionPolicy> policiesCovering(RepositoryName repository);

    /** Every namespace's policies by id, strictly after {@code afterId} (0: from the start), at most {@code limit}. */
    List<RetentionPolicy> allPolicies(long afterId, int limit);

    /**
     * The manifests of {@code repository} that no tag points at, by digest, strictly after {@code after} (null: from
     * the start), at most {@code limit}, each with its times and what refers to it ({@link UntaggedManifest}).
     * Referrers and children of indexes are listed too when untagged: the caller decides what may go.
     */
    List<UntaggedManifest> untaggedManifests(RepositoryName repository, Digest after, int limit);
}
