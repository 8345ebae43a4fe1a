package io.stowage.metadata;

import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Blobs known to the registry (stored once, globally) and the links that let a repository serve them: a repository
 * may serve a blob only after it received it by push or mount.
 */
public interface BlobIndex {

    /**
     * Reserves a blob for a push that is about to store its bytes under the blob's content address: records it (or
     * refreshes it), which keeps garbage collection away from it for the grace period, and returns the generation of
     * its record. Empty while garbage collection is deleting the blob's bytes: the caller waits and asks again, and
     * must not rely on bytes already stored under the address before it has a generation. The claim need not be
     * durable when this returns: the {@link #linkClaimed} that completes the push is, and makes it durable too; a
     * claim lost in a crash belonged to a push that was never acknowledged.
     *
     * <p>A blob marked corrupt ({@link ScrubIndex#corrupt}) loses the bytes it kept inline ({@link #claimInline}):
     * the push stores its verified bytes in the object store, and they are what is served once it is linked.
     */
    OptionalLong claim(Digest digest, long size);

    /**
     * {@link #claim} for a small blob whose bytes are kept in the index itself rather than in the object store: one
     * write instead of a file (or an object) per blob. The bytes must be verified against the digest. A blob recorded
     * already keeps the bytes it has inline, unless it is marked corrupt (these replace them); one whose bytes are in
     * the object store gets these inline as well, and is served from them from then on. Durable like {@link #claim}:
     * once {@link #linkClaimed} returns. The bytes go when garbage collection {@link GarbageIndex#condemn condemns}
     * the blob, in the same transaction.
     */
    OptionalLong claimInline(Digest digest, byte[] content);

    /** The bytes of a blob kept inline ({@link #claimInline}); empty for a blob whose bytes are elsewhere or unknown. */
    Optional<byte[]> content(Digest digest);

    /**
     * Links a blob claimed with {@link #claim} to {@code repository} (created when needed) once its bytes are stored.
     * False, writing nothing, when that generation of the record is gone: garbage collection took the blob after the
     * claim (possible only with a grace period shorter than the push), so the bytes must be stored again.
     * Throws {@link QuotaExceededException}, writing nothing, when the link would take a namespace covering the
     * repository past its quota (see {@link #mount}).
     */
    boolean linkClaimed(RepositoryName repository, Digest digest, long generation);

    /**
     * {@link #claim} and {@link #linkClaimed} in one step, for blobs whose bytes are known to be stored and safe from
     * a concurrent collection (tests, imports); false while the blob is being collected. Quotas do not apply: this is
     * not the path of a client's push.
     */
    boolean link(RepositoryName repository, Digest digest, long size);

    /**
     * Links a blob that {@code source} has to {@code target} as well (a cross-repository mount), atomically: false,
     * writing nothing, when {@code source} does not have it (any more).
     *
     * <p>Like {@link #linkClaimed}, throws {@link QuotaExceededException}, writing nothing, when a namespace covering
     * {@code target} has a quota ({@link PolicyIndex#setQuota}) and the blob would take it past that: a blob that no
     * repository of the namespace links yet adds its size to the namespace's {@link NamespaceUsage#storedBytes()},
     * and the link is refused if the sum would exceed the quota (reaching it exactly is allowed). A blob some
     * repository of the namespace links already adds nothing. Nothing is locked for this (a namespace's use is
     * expensive to read, and pushes must not queue behind it), so links into one namespace running at the same moment
     * may not count each other: together they may exceed the quota by at most one blob each, after which every new
     * blob is refused.
     */
    boolean mount(RepositoryName target, RepositoryName source, Digest digest);

    /** The blob if {@code repository} may serve it, saying whether its bytes are {@link BlobRecord#inline inline}. */
    Optional<BlobRecord> findLinked(RepositoryName repository, Digest digest);

    /** The blob if it is stored at all, whatever the repository, saying whether its bytes are inline. */
    Optional<BlobRecord> find(Digest digest);

    /** Repositories linked to the blob, in lexical order, at most {@code limit} (automatic mount discovery). */
    List<RepositoryName> repositoriesWith(Digest digest, int limit);

    /** Removes the repository's link; the stored blob stays for garbage collection to decide. */
    boolean unlink(RepositoryName repository, Digest digest);
}
