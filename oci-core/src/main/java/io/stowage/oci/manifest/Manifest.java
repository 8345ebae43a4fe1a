package io.stowage.oci.manifest;

import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed manifest. The exact bytes as pushed are kept: they are what is stored, digested and served.
 * Both OCI and Docker schema 2 forms are represented; {@link #mediaType()} tells which.
 */
public sealed interface Manifest permits ImageManifest, ImageIndex {

    /** The effective media type: the {@code mediaType} field, or the Content-Type it was pushed with. */
    String mediaType();

    /** The exact bytes as pushed. Callers must not modify the array. */
    byte[] content();

    /** The {@code subject} descriptor, for referrers. */
    Optional<Descriptor> subject();

    /** The {@code artifactType} field, if present. */
    Optional<String> artifactType();

    Map<String, String> annotations();

    /** Blobs this manifest needs in the repository (config and layers); none for an index. */
    List<Descriptor> blobReferences();

    /** Manifests this manifest needs in the repository (the entries of an index); none for an image manifest. */
    List<Descriptor> manifestReferences();

    /**
     * The artifact type shown for this manifest in a referrers list: {@code artifactType}, or else the config's
     * media type for an image manifest (distribution spec, "Listing Referrers").
     */
    Optional<String> effectiveArtifactType();

    default Digest digest(io.stowage.oci.DigestAlgorithm algorithm) {
        return Digest.of(algorithm, content());
    }
}
