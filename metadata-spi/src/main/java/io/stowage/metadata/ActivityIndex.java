package io.stowage.metadata;

import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * When tags and manifests were pushed and last pulled. Push times are written by {@link ManifestIndex#put}; pull
 * times come in batches from a caller that coalesces pulls in memory, since writing one row per pull would make
 * every pull a write.
 */
public interface ActivityIndex {

    /**
     * Records {@code pulls} in one transaction: each sets the last-pull time of its manifest, and of its tag when it
     * has one, to its time unless a later one is recorded already (so batches from several nodes, in any order, keep
     * the latest). A pull of a manifest or tag that no longer exists changes nothing.
     */
    void recordPulls(Collection<Pull> pulls);

    /**
     * Tags of {@code repository} with their manifest, push and pull times, in the order of
     * {@link ManifestIndex#tags}: strictly after {@code last} (null: from the start), at most {@code limit}.
     */
    List<TagRecord> tags(RepositoryName repository, String last, int limit);

    /** When the manifest was pushed to the repository and last pulled there; empty when it is not there. */
    Optional<ManifestTimes> manifest(RepositoryName repository, Digest digest);
}
