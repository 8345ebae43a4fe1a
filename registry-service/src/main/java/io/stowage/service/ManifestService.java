package io.stowage.service;

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

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Pushing, pulling and deleting manifests, stored byte for byte as pushed. */
public final class ManifestService {

    private final MetadataStore metadata;
    private final Clock clock;

    public ManifestService(MetadataStore metadata, Clock clock) {
        this.metadata = metadata;
        this.clock = clock;
    }

    public ManifestRecord get(RepositoryName repository, Reference reference) {
        Digest digest = switch (reference) {
            case Digest d -> d;
            case Tag t -> metadata.manifests().resolve(repository, t)
                    .orElseThrow(() -> new ManifestUnknownException(t.value()));
        };
        return metadata.manifests().find(repository, digest)
                .orElseThrow(() -> new ManifestUnknownException(reference.toString()));
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
        Set<Digest> missing = metadata.manifests().put(record, digests(manifest.blobReferences()),
                digests(manifest.manifestReferences()), tags);
        if (!missing.isEmpty()) {
            throw new ManifestBlobUnknownException(missing.iterator().next().toString());
        }
        return new PushedManifest(digest, manifest.subject().map(Descriptor::digest));
    }

    /** By digest: the manifest and all its tags go. By tag: only that tag goes. */
    public void delete(RepositoryName repository, Reference reference) {
        boolean deleted = switch (reference) {
            case Digest d -> metadata.manifests().delete(repository, d);
            case Tag t -> metadata.manifests().deleteTag(repository, t);
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
