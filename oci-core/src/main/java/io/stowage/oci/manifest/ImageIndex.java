package io.stowage.oci.manifest;

import io.stowage.oci.Descriptor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An OCI image index or a Docker manifest list: a list of manifests. */
public record ImageIndex(String mediaType, byte[] content, List<Descriptor> manifests,
                         Optional<Descriptor> subject, Optional<String> artifactType,
                         Map<String, String> annotations) implements Manifest {

    public ImageIndex {
        manifests = List.copyOf(manifests);
        annotations = Map.copyOf(annotations);
    }

    @Override
    public List<Descriptor> blobReferences() {
        return List.of();
    }

    @Override
    public List<Descriptor> manifestReferences() {
        return manifests;
    }

    @Override
    public Optional<String> effectiveArtifactType() {
        // An empty artifactType is omitted from referrers, like a missing one (distribution spec, "Listing Referrers").
        return artifactType.filter(type -> !type.isEmpty());
    }
}
