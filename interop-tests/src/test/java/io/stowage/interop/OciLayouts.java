package io.stowage.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds OCI image layouts offline with umoci, and image indexes over them with jq, so pushes need no network and
 * no container engine.
 */
public final class OciLayouts {

    static final String INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
    private static final String REF_NAME = "org.opencontainers.image.ref.name";

    /** One child of an index: an image already tagged in the layout, and the platform it claims. */
    public record Child(String tag, String architecture) {
    }

    private final ContainerTools tools;

    public OciLayouts(ContainerTools tools) {
        this.tools = tools;
    }

    public Path create(Path layout) throws Exception {
        tools.runOk("umoci", "init", "--layout", layout.toString());
        return layout;
    }

    /**
     * Adds image {@code tag} with one layer per entry of {@code layers} (a file or a directory, placed at
     * {@code /<its name>}) and returns the manifest digest.
     */
    public String image(Path layout, String tag, String architecture, List<Path> layers) throws Exception {
        String image = layout + ":" + tag;
        tools.runOk("umoci", "new", "--image", image);
        for (Path layer : layers) {
            tools.runOk("umoci", "insert", "--image", image, layer.toString(), "/" + layer.getFileName());
        }
        tools.runOk("umoci", "config", "--image", image, "--architecture", architecture, "--os", "linux");
        return manifestDigest(layout, tag);
    }

    /**
     * Writes an image index over {@code children} as a blob and tags it {@code tag} in index.json, the way a
     * multi-platform image sits in a layout; returns the index digest.
     */
    public String index(Path layout, String tag, List<Child> children) throws Exception {
        String childrenJson = children.stream()
                .map(c -> "{\"tag\":\"" + c.tag() + "\",\"platform\":{\"architecture\":\"" + c.architecture()
                        + "\",\"os\":\"linux\"}}")
                .collect(Collectors.joining(",", "[", "]"));
        String index = tools.runOk("jq", "-c", "--argjson", "children", childrenJson, """
                . as $layout
                | {schemaVersion: 2, mediaType: "%s",
                   manifests: [$children[] as $c
                     | $layout.manifests[] | select(.annotations["%s"] == $c.tag)
                     | del(.annotations) + {platform: $c.platform}]}
                """.formatted(INDEX_MEDIA_TYPE, REF_NAME), indexJson(layout).toString()).stdout();
        byte[] bytes = index.getBytes(StandardCharsets.UTF_8);
        String digest = Sha256.digestOf(bytes);
        Files.write(blob(layout, digest), bytes);
        String updated = tools.runOk("jq", "--arg", "digest", digest, "--argjson", "size",
                Integer.toString(bytes.length), "--arg", "tag", tag, """
                .manifests += [{mediaType: "%s", digest: $digest, size: $size, annotations: {"%s": $tag}}]
                """.formatted(INDEX_MEDIA_TYPE, REF_NAME), indexJson(layout).toString()).stdout();
        Files.writeString(indexJson(layout), updated);
        return digest;
    }

    /** The digest that index.json records for {@code tag}. */
    public String manifestDigest(Path layout, String tag) throws Exception {
        String digest = tools.runOk("jq", "-r", "--arg", "tag", tag,
                ".manifests[] | select(.annotations[\"" + REF_NAME + "\"] == $tag) | .digest",
                indexJson(layout).toString()).stdout().strip();
        if (!digest.startsWith("sha256:") || digest.contains("\n")) {
            throw new AssertionError("expected one manifest tagged " + tag + " in " + layout + ", found: " + digest);
        }
        return digest;
    }

    /** Unpacks image {@code tag} into a runtime bundle; the files are under {@code <bundle>/rootfs}. */
    public Path unpack(Path layout, String tag, Path bundle) throws Exception {
        tools.runOk("umoci", "unpack", "--image", layout + ":" + tag, bundle.toString());
        return bundle.resolve("rootfs");
    }

    public static Path blob(Path layout, String digest) {
        return layout.resolve("blobs").resolve("sha256").resolve(Sha256.hex(digest));
    }

    private static Path indexJson(Path layout) {
        return layout.resolve("index.json");
    }

    static byte[] readBlob(Path layout, String digest) throws IOException {
        return Files.readAllBytes(blob(layout, digest));
    }
}
