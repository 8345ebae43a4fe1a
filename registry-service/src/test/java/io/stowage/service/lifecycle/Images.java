package io.stowage.service.lifecycle;

import io.stowage.metadata.MetadataStore;
import io.stowage.oci.Digest;
import io.stowage.oci.MediaTypes;
import io.stowage.oci.Reference;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.service.EmbeddedBackends;
import io.stowage.service.Registry;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Pushes blobs and images through the services, as a client would. */
final class Images {

    private final Registry registry;
    private final MetadataStore metadata;

    Images(Registry registry, MetadataStore metadata) {
        this.registry = registry;
        this.metadata = metadata;
    }

    Digest blob(RepositoryName repository, String content) throws Exception {
        return EmbeddedBackends.pushBlob(registry.uploads(), repository, content);
    }

    /** The manifest bytes of an image with {@code config} and {@code layers}, whose blobs are stored already. */
    byte[] manifest(Digest config, Digest... layers) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"config\":" + descriptor(MediaTypes.OCI_CONFIG, config) + ",\"layers\":[");
        for (int i = 0; i < layers.length; i++) {
            json.append(i == 0 ? "" : ",").append(descriptor("application/vnd.oci.image.layer.v1.tar", layers[i]));
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Pushes an image whose config is made from {@code seed} (and stored in the repository first) under a tag. */
    Digest image(RepositoryName repository, String tag, String seed) throws Exception {
        Digest config = blob(repository, "{\"config\":\"" + seed + "\"}");
        return put(repository, Tag.parse(tag), manifest(config));
    }

    Digest put(RepositoryName repository, Reference reference, byte[] manifest, Tag... extraTags) {
        return registry.manifests().put(repository, reference, MediaTypes.OCI_MANIFEST, manifest,
                List.of(extraTags)).digest();
    }

    /**
     * Pushes an image (config made from {@code seed}) whose subject is the manifest {@code subject} of the repository,
     * as signatures and SBOMs are pushed, under {@code tags} (none: untagged).
     */
    Digest referrer(RepositoryName repository, Digest subject, String seed, Tag... tags) throws Exception {
        Digest config = blob(repository, "{\"referrer\":\"" + seed + "\"}");
        long size = metadata.manifests().find(repository, subject).map(m -> m.content().length)
                .orElse(1234);
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
                + "\",\"artifactType\":\"application/vnd.example.signature\",\"config\":"
                + descriptor(MediaTypes.OCI_CONFIG, config) + ",\"layers\":[],\"subject\":{\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + subject + "\",\"size\":" + size + "}}";
        byte[] manifest = json.getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.of(io.stowage.oci.DigestAlgorithm.SHA256, manifest);
        return put(repository, digest, manifest, tags);
    }

    /**
     * Pushes an index listing {@code children} (manifests of the repository) under {@code reference} (null: by its
     * digest, untagged).
     */
    Digest index(RepositoryName repository, Reference reference, Digest... children) {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
                + "\",\"manifests\":[");
        for (int i = 0; i < children.length; i++) {
            long size = metadata.manifests().find(repository, children[i]).orElseThrow().content().length;
            json.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(MediaTypes.OCI_MANIFEST)
                    .append("\",\"digest\":\"").append(children[i]).append("\",\"size\":").append(size)
                    .append("}");
        }
        byte[] manifest = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        Reference by = reference != null ? reference : Digest.of(io.stowage.oci.DigestAlgorithm.SHA256, manifest);
        return registry.manifests().put(repository, by, MediaTypes.OCI_INDEX, manifest, List.of()).digest();
    }

    private String descriptor(String mediaType, Digest digest) {
        long size = metadata.blobs().find(digest).orElseThrow().size();
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }
}
