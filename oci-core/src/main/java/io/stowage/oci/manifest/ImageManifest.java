package io.stowage.oci.manifest;

import io.stowage.oci.Descriptor;
import io.stowage.oci.MediaTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An OCI image manifest or a Docker schema 2 manifest: a config and layers. */
public record ImageManifest(String mediaType, byte[] content, Descriptor config, List<Descriptor> layers,
                            Optional<Descriptor> subject, Optional<String> artifactType,
                            Map<String, String> annotations) implements Manifest {

    public ImageManifest {
        layers = List.copyOf(layers);
        annotations = Map.copyOf(annotations);
    }

    @Override
    public List<Descriptor> blobReferences() {
        List<Descriptor> refs = new ArrayList<>(layers.size() + 1);
        refs.add(config);
        for (Descriptor layer : layers) {
            // Foreign (non-distributable) Docker layers live at their URLs, not in the registry.
            boolean foreign = MediaTypes.DOCKER_FOREIGN_LAYER.equals(layer.mediaType()) && !layer.urls().isEmpty();
            if (!foreign) {
                refs.add(layer);
            }
        }
        return refs;
    }

    @Override
    public List<Descriptor> manifestReferences() {
        return List.of();
    }

    @Override
    public Optional<String> effectiveArtifactType() {
        // "empty or missing" both fall back to the config's media type (distribution spec, "Listing Referrers").
        Optional<String> declared = artifactType.filter(type -> !type.isEmpty());
        return declared.isPresent() ? declared : Optional.of(config.mediaType());
    }
}
