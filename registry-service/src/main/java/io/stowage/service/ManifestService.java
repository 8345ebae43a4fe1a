package io.stowage.service;

import io.stowage.metadata.ImmutableTagException;
import io.stowage.metadata.ManifestRecord;
import io.stowage.metadata.MetadataStore;
import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.Reference;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.error.DigestInvalidException;
import io.stowage.oci.error.ManifestBlobUnknownException;
import io.stowage.oci.error.ManifestUnknownException;
import io.stowage.oci.manifest.Manifest;
import io.stowage.oci.manifest.ManifestParser;
import io.stowage.service.lifecycle.PullRecorder;
import io.stowage.service.lifecycle.TagImmutability;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pushing, pulling and deleting manifests, stored byte for byte as pushed. Pulls are noted in a {@link PullRecorder}
 * (in memory, written in coalesced batches). Tags that an immutability rule of a covering namespace matches
 * ({@link TagImmutability}) are never moved to another manifest or deleted, and a manifest carrying one is not deleted:
 * those requests are refused with {@code DENIED}, saying which rule. The store decides it inside the write's
 * transaction, so two pushes racing to create the same immutable tag cannot both win.
 */
public final class ManifestService {

    private final MetadataStore metadata;
    private final Clock clock;
    private final PullRecorder pulls;
    private final TagImmutability immutability;

    /** With a pull recorder of its own (default intervals); {@link Registry} shares one instead. */
    public ManifestService(MetadataStore metadata, Clock clock) {
        this(metadata, clock, new PullRecorder(metadata.activity(), clock));
    }

    public ManifestService(MetadataStore metadata, Clock clock, PullRecorder pulls) {
        this.metadata = metadata;
        this.clock = clock;
        this.pulls = pulls;
        this.immutability = new TagImmutability(metadata.policies());
    }

    /** A pull: the manifest, with the pull noted (see {@link #get(RepositoryName, Reference, boolean)}). */
    public ManifestRecord get(RepositoryName repository, Reference reference) {
        return get(repository, reference, true);
    }

    /**
     * The manifest {@code reference} names. With {@code countAsPull}, the pull is noted for the manifest and, by tag,
     * for the tag: the HTTP layer counts a GET, not a HEAD (which only asks whether it is there); admin views pass
     * false.
     */
    public ManifestRecord get(RepositoryName repository, Reference reference, boolean countAsPull) {
        Digest digest = switch (reference) {
            case Digest d -> d;
            case Tag t -> metadata.manifests().resolve(repository, t)
                    .orElseThrow(() -> new ManifestUnknownException(t.value()));
        };
        ManifestRecord manifest = metadata.manifests().find(repository, digest)
                .orElseThrow(() -> new ManifestUnknownException(reference.toString()));
        if (countAsPull) {
            pulls.record(repository, digest, reference instanceof Tag t ? t : null);
        }
        return manifest;
    }

    /**
     * Validates and stores a manifest. By digest, the content must hash to that digest; by tag, the tag points at the
     * content's sha256 digest. {@code extraTags} are further tags to point at it in the same transaction.
     */
    public PushedManifest put(RepositoryName repository, Reference reference, String contentType, byte[] content,
                              List<Tag> extraTags) {
        Manifest manifest = ManifestParser.parse(content, contentType);
        Digest digest = switch (reference) {
            case Digest d -> {
                Digest actual = Digest.of(d.algorithm(), content);
                if (!actual.equals(d)) {
                    throw new DigestInvalidException("manifest content does not match digest " + d, d.toString());
                }
                yield d;
            }
            case Tag t -> Digest.of(DigestAlgorithm.SHA256, content);
        };
        Set<Tag> tags = new LinkedHashSet<>(extraTags);
        if (reference instanceof Tag t) {
            tags.add(t);
        }
        ManifestRecord record = new ManifestRecord(repository, digest, manifest.mediaType(), content,
                manifest.effectiveArtifactType().orElse(null), manifest.subject().map(Descriptor::digest).orElse(null),
                manifest.annotations(), clock.instant());
        TagImmutability.Rules rules = tags.isEmpty() ? null : immutability.rulesFor(repository);
        Set<Digest> missing;
        try {
            // Pushing a manifest again to its immutable tag is allowed; pointing the tag elsewhere is not.
            missing = metadata.manifests().put(record, digests(manifest.blobReferences()),
                    digests(manifest.manifestReferences()), tags, rules == null || rules.isEmpty() ? tag -> false
                            : rules);
        } catch (ImmutableTagException e) {
            throw rules.refusal(e.tag(), "it cannot be moved to another manifest");
        }
        if (!missing.isEmpty()) {
            throw new ManifestBlobUnknownException(missing.iterator().next().toString());
        }
        return new PushedManifest(digest, manifest.subject().map(Descriptor::digest));
    }

    /**
     * By digest: the manifest and all its tags go, unless one of them is immutable. By tag: only that tag goes, unless
     * it is immutable. Refusals are {@code DENIED}; an unknown reference stays {@code MANIFEST_UNKNOWN}.
     */
    public void delete(RepositoryName repository, Reference reference) {
        TagImmutability.Rules rules = immutability.rulesFor(repository);
        boolean deleted = switch (reference) {
            case Digest d -> {
                try {
                    yield rules.isEmpty() ? metadata.manifests().delete(repository, d)
                            : metadata.manifests().delete(repository, d, rules);
                } catch (ImmutableTagException e) {
                    throw rules.refusal(e.tag(), "manifest " + d + " carries it and cannot be deleted");
                }
            }
            case Tag t -> {
                // Whether a tag is immutable depends on its name alone, so an immutable tag never reaches the delete,
                // even one created a moment ago; an unknown one is reported as unknown rather than as immutable.
                if (!rules.isEmpty() && rules.test(t)) {
                    if (metadata.manifests().resolve(repository, t).isEmpty()) {
                        throw new ManifestUnknownException(t.value());
                    }
                    throw rules.refusal(t, "it cannot be deleted");
                }
                yield metadata.manifests().deleteTag(repository, t);
            }
        };
        if (!deleted) {
            throw new ManifestUnknownException(reference.toString());
        }
    }

    private static List<Digest> digests(List<Descriptor> descriptors) {
        List<Digest> result = new ArrayList<>(descriptors.size());
        for (Descriptor d : descriptors) {
            result.add(d.digest());
        }
        return result;
    }

    /** What a push answers: the manifest's digest, and its subject for the {@code OCI-Subject} header. */
    public record PushedManifest(Digest digest, Optional<Digest> subject) {
    }
}
