package io.stowage.metadata;

import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;

import java.util.List;
import java.util.Optional;

/**
 * Blobs known to the registry (stored once, globally) and the links that let a repository serve them: a repository
 * may serve a blob only after it received it by push or mount.
 */
public interface BlobIndex {

    /**
     * Records that a complete, verified blob exists and links it to {@code repository}, creating the repository when
     * needed. Idempotent.
     */
    void link(RepositoryName repository, Digest digest, long size);

    /** The blob if {@code repository} may serve it. */
    Optional<BlobRecord> findLinked(RepositoryName repository, Digest digest);

    /** The blob if it is stored at all, whatever the repository. */
    Optional<BlobRecord> find(Digest digest);

    /** Repositories linked to the blob, in lexical order, at most {@code limit} (automatic mount discovery). */
    List<RepositoryName> repositoriesWith(Digest digest, int limit);

    /** Removes the repository's link; the stored blob stays for garbage collection to decide. */
    boolean unlink(RepositoryName repository, Digest digest);
}
