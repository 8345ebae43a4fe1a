package io.stowage.oci.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.MediaTypes;
import io.stowage.oci.Platform;
import io.stowage.oci.error.ManifestInvalidException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestParserProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A manifest as generated: the bytes to push, the Content-Type to push them with, and what they say. */
    record Generated(byte[] content, String contentType, String mediaType, boolean declaresMediaType,
                     Descriptor config, List<Descriptor> entries, Optional<Descriptor> subject, Optional<String> artifactType, Map<String, String> annotations) {

        boolean isIndex() {
            return MediaTypes.isIndex(mediaType);
        }

        @Override
        public String toString() {
            return "Content-Type " + contentType + ": " + new String(content, StandardCharsets.UTF_8);
        }
    }

    @Property(tries = 500)
    void generatedManifestsParseToWhatTheySay(@ForAll("manifests") Generated g) {
        Statistics.label("media type").collect(g.mediaType());

        Manifest m = ManifestParser.parse(g.content(), g.contentType());

        assertThat(m.mediaType()).isEqualTo(g.mediaType());
        assertThat(m.content()).isEqualTo(g.content());
        assertThat(m.digest(DigestAlgorithm.SHA256)).isEqualTo(Digest.of(DigestAlgorithm.SHA256, g.content()));
        assertThat(m.subject()).isEqualTo(g.subject());
        assertThat(m.artifactType()).isEqualTo(g.artifactType());
        assertThat(m.annotations()).isEqualTo(g.annotations());
        Optional<String> declaredArtifactType = g.artifactType().filter(t -> !t.isEmpty());
        switch (m) {
            case ImageIndex index -> {
                assertThat(g.isIndex()).isTrue();
                assertThat(index.manifests()).isEqualTo(g.entries());
                assertThat(index.manifestReferences()).isEqualTo(g.entries());
                assertThat(index.blobReferences()).isEmpty();
                assertThat(index.effectiveArtifactType()).isEqualTo(declaredArtifactType);
            }
            case ImageManifest image -> {
                assertThat(g.isIndex()).isFalse();
                assertThat(image.config()).isEqualTo(g.config());
                assertThat(image.layers()).isEqualTo(g.entries());
                assertThat(image.manifestReferences()).isEmpty();
                List<Descriptor> expectedBlobs = new ArrayList<>();
                expectedBlobs.add(g.config());
                g.entries().stream().filter(l -> !isForeign(l)).forEach(expectedBlobs::add);
                assertThat(image.blobReferences()).isEqualTo(expectedBlobs);
                assertThat(image.effectiveArtifactType())
                        .isEqualTo(declaredArtifactType.or(() -> Optional.of(g.config().mediaType())));
            }
        }
    }

    @Property(tries = 300)
    void aContentTypeThatContradictsTheMediaTypeIsRejected(@ForAll("manifests") Generated g,
                                                           @ForAll("manifestMediaTypes") String other) {
        Assume.that(!other.equals(g.mediaType()) && g.declaresMediaType());

        assertThatThrownBy(() -> ManifestParser.parse(g.content(), other)).isInstanceOf(ManifestInvalidException.class);
    }

    @Property(tries = 1000)
    void arbitraryBytesParseOrAreInvalid(@ForAll @Size(max = 400) byte[] content,
                                         @ForAll("contentTypes") String contentType) {
        ManifestAssertions.assertParsesOrIsInvalid(content, contentType);
    }

    @Property(tries = 1000)
    void jsonLikeTextParsesOrIsInvalid(@ForAll("jsonSoup") String text, @ForAll("contentTypes") String contentType) {
        ManifestAssertions.assertParsesOrIsInvalid(text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    @Property(tries = 300)
    void everyTruncationIsInvalid(@ForAll("compactManifests") Generated g, @ForAll @IntRange(max = 100_000) int cut) {
        byte[] truncated = Arrays.copyOf(g.content(), cut % g.content().length);

        assertThatThrownBy(() -> ManifestParser.parse(truncated, g.contentType()))
                .isInstanceOf(ManifestInvalidException.class);
    }

    @Property(tries = 1000)
    void byteMutationsParseOrAreInvalid(@ForAll("manifests") Generated g,
                                        @ForAll @Size(min = 1, max = 4) List<@IntRange(max = 100_000) Integer> positions,
                                        @ForAll byte replacement, @ForAll @IntRange(max = 2) int kind) {
        byte[] mutated = g.content();
        for (int position : positions) {
            mutated = mutate(mutated, position % mutated.length, replacement, kind);
        }
        Optional<Manifest> parsed = ManifestAssertions.assertParsesOrIsInvalid(mutated, g.contentType());
        Statistics.label("parsed").collect(parsed.isPresent());
    }

    @Property(tries = 1000)
    void structuralMutationsParseOrAreInvalid(@ForAll("manifests") Generated g,
                                              @ForAll @IntRange(max = 10_000) int target,
                                              @ForAll("replacementValues") JsonNode replacement) throws Exception {
        JsonNode tree = JSON.readTree(g.content());
        List<Runnable> edits = new ArrayList<>();
        collectEdits(tree, replacement, edits);
        edits.get(target % edits.size()).run();
        byte[] mutated = JSON.writeValueAsBytes(tree);

        Optional<Manifest> parsed = ManifestAssertions.assertParsesOrIsInvalid(mutated, g.contentType());
        Statistics.label("parsed").collect(parsed.isPresent());
    }

    private static boolean isForeign(Descriptor layer) {
        return MediaTypes.DOCKER_FOREIGN_LAYER.equals(layer.mediaType()) && !layer.urls().isEmpty();
    }

    private static byte[] mutate(byte[] content, int at, byte value, int kind) {
        return switch (kind) {
            case 0 -> {
                byte[] copy = content.clone();
                copy[at] = (byte) (copy[at] ^ (value == 0 ? 1 : value));
                yield copy;
            }
            case 1 -> {
                byte[] copy = new byte[content.length + 1];
                System.arraycopy(content, 0, copy, 0, at);
                copy[at] = value;
                System.arraycopy(content, at, copy, at + 1, content.length - at);
                yield copy;
            }
            default -> {
                if (content.length == 1) {
                    yield content;
                }
                byte[] copy = new byte[content.length - 1];
                System.arraycopy(content, 0, copy, 0, at);
                System.arraycopy(content, at + 1, copy, at, content.length - at - 1);
                yield copy;
            }
        };
    }

    /** Every place in the tree a value can be replaced, removed, or added next to. */
    private static void collectEdits(JsonNode node, JsonNode replacement, List<Runnable> edits) {
        if (node instanceof ObjectNode object) {
            edits.add(() -> object.set("mediaType", replacement.deepCopy()));
            edits.add(() -> object.set("annotations", replacement.deepCopy()));
            for (String field : iterable(object)) {
                edits.add(() -> object.set(field, replacement.deepCopy()));
                edits.add(() -> object.remove(field));
                collectEdits(object.get(field), replacement, edits);
            }
        } else if (node instanceof ArrayNode array) {
            edits.add(() -> array.add(replacement.deepCopy()));
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                edits.add(() -> array.set(index, replacement.deepCopy()));
                edits.add(() -> array.remove(index));
                collectEdits(array.get(i), replacement, edits);
            }
        }
    }

    private static List<String> iterable(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Provide
    Arbitrary<Generated> manifests() {
        return Arbitraries.oneOf(imageManifests(), indexes()).flatMap(g -> Arbitraries.of(g, prettyPrinted(g)));
    }

    @Provide
    Arbitrary<Generated> compactManifests() {
        return Arbitraries.oneOf(imageManifests(), indexes());
    }

    @Provide
    Arbitrary<String> manifestMediaTypes() {
        return Arbitraries.of(MediaTypes.MANIFESTS.stream().sorted().toList());
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(manifestMediaTypes(), Arbitraries.of(MediaTypes.JSON, "text/plain")).injectNull(0.3);
    }

    @Provide
    Arbitrary<JsonNode> replacementValues() {
        Arbitrary<JsonNode> scalars = Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true),
                NODES.numberNode(-1), NODES.numberNode(2), NODES.numberNode(1.5), NODES.numberNode(Long.MAX_VALUE),
                NODES.numberNode(new java.math.BigInteger("1" + "0".repeat(30))), NODES.textNode(""),
                NODES.textNode("x"), NODES.textNode(ManifestSamples.CONFIG_DIGEST), NODES.textNode(MediaTypes.OCI_INDEX),
                NODES.textNode(MediaTypes.OCI_MANIFEST), NODES.arrayNode(), NODES.objectNode());
        return Arbitraries.oneOf(scalars, descriptors(false).map(ManifestParserProperties::toJson));
    }

    /** Fragments of JSON and of manifests glued together, to reach deeper into the parser than random bytes. */
    @Provide
    Arbitrary<String> jsonSoup() {
        Arbitrary<String> token = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"", "\"schemaVersion\"", "2", "-1",
                "1e999", "0.5", "null", "true", "\"mediaType\"", "\"" + MediaTypes.OCI_MANIFEST + "\"",
                "\"" + MediaTypes.OCI_INDEX + "\"", "\"config\"", "\"layers\"", "\"manifests\"", "\"digest\"",
                "\"size\"", "\"" + ManifestSamples.CONFIG_DIGEST + "\"", "\"urls\"", "\"annotations\"", "\"subject\"",
                "\"platform\"", "\"artifactType\"", " ", "\\u0000", "\\", "\u00e9", "\ud800");
        Arbitrary<String> soup = token.list().ofMaxSize(60).map(parts -> String.join("", parts));
        Arbitrary<String> prefixed = soup.map(s -> "{\"schemaVersion\":2," + s);
        return Arbitraries.oneOf(soup, prefixed);
    }

    private Arbitrary<Generated> imageManifests() {
        Arbitrary<String> mediaType = Arbitraries.of(MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
        Arbitrary<Descriptor> config = Arbitraries.oneOf(descriptors(false),
                digests().map(d -> Descriptor.of(MediaTypes.OCI_EMPTY, d, 2)));
        Arbitrary<List<Descriptor>> layers = Arbitraries.oneOf(descriptors(false), foreignLayers())
                .list().ofMaxSize(5);
        return Combinators.combine(mediaType, config, layers, envelope())
                .as((mt, c, l, e) -> e.build(mt, c, l));
    }

    private Arbitrary<Generated> indexes() {
        Arbitrary<String> mediaType = Arbitraries.of(MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST);
        Arbitrary<List<Descriptor>> manifests = descriptors(true).list().ofMaxSize(5);
        return Combinators.combine(mediaType, manifests, envelope()).as((mt, m, e) -> e.build(mt, null, m));
    }

    /** What surrounds config, layers or manifests: how the media type is told, subject, artifactType, annotations. */
    private record Envelope(int mediaTypeIn, Optional<Descriptor> subject, Optional<String> artifactType,
                            Map<String, String> annotations, boolean annotationsPresent) {

        Generated build(String mediaType, Descriptor config, List<Descriptor> entries) {
            // 0: body and header, 1: body only, 2: header only, 3: neither (only OCI types are then inferred).
            int mode = mediaTypeIn == 3 && mediaType.contains("docker") ? 0 : mediaTypeIn;
            ObjectNode root = NODES.objectNode();
            root.put("schemaVersion", 2);
            if (mode <= 1) {
                root.put("mediaType", mediaType);
            }
            artifactType.ifPresent(t -> root.put("artifactType", t));
            if (config != null) {
                root.set("config", toJson(config));
            }
            ArrayNode list = root.putArray(config != null ? "layers" : "manifests");
            entries.forEach(d -> list.add(toJson(d)));
            subject.ifPresent(s -> root.set("subject", toJson(s)));
            if (annotationsPresent || !annotations.isEmpty()) {
                ObjectNode a = root.putObject("annotations");
                annotations.forEach(a::put);
            }
            String contentType = mode == 0 || mode == 2 ? mediaType : null;
            return new Generated(writeBytes(root, false), contentType, mediaType, mode <= 1, config, entries, subject,
                    artifactType, annotations);
        }
    }

    private Arbitrary<Envelope> envelope() {
        return Combinators.combine(Arbitraries.integers().between(0, 3),
                descriptors(false).optional(0.3),
                Arbitraries.oneOf(Arbitraries.just(""), mediaTypeStrings()).optional(0.3),
                annotations(),
                Arbitraries.of(true, false)).as(Envelope::new);
    }

    private Arbitrary<Descriptor> descriptors(boolean withPlatform) {
        Arbitrary<Platform> platform = withPlatform
                ? Combinators.combine(Arbitraries.of("amd64", "arm64", "arm", "ppc64le"), Arbitraries.of("linux", "windows"),
                        Arbitraries.of("v7", "v8").optional(0.3))
                .as((arch, os, variant) -> new Platform(arch, os, variant.orElse(null))).injectNull(0.3)
                : Arbitraries.<Platform>just(null);
        Arbitrary<String> artifactType = mediaTypeStrings().injectNull(0.7);
        Arbitrary<List<String>> urls = Arbitraries.strings().alpha().ofMaxLength(10).map(s -> "https://example.com/" + s)
                .list().ofMaxSize(2).injectNull(0.5).map(u -> u == null ? List.of() : u);
        return Combinators.combine(mediaTypeStrings(), digests(), sizes(), artifactType, annotations(), urls, platform)
                .as(Descriptor::new);
    }

    private Arbitrary<Descriptor> foreignLayers() {
        return Combinators.combine(digests(), sizes(),
                        Arbitraries.of(List.<String>of(), List.of("https://mcr.microsoft.com/layer")))
                .as((d, s, u) -> new Descriptor(MediaTypes.DOCKER_FOREIGN_LAYER, d, s, null, Map.of(), u, null));
    }

    private Arbitrary<String> mediaTypeStrings() {
        return Arbitraries.oneOf(
                Arbitraries.of(MediaTypes.OCI_CONFIG, MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
                        MediaTypes.DOCKER_MANIFEST, "application/vnd.oci.image.layer.v1.tar+gzip",
                        "application/vnd.docker.image.rootfs.diff.tar.gzip", MediaTypes.DOCKER_FOREIGN_LAYER),
                Arbitraries.strings().alpha().numeric().withChars(".+-").ofMinLength(1).ofMaxLength(20)
                        .map(s -> "application/vnd.example." + s));
    }

    private Arbitrary<Digest> digests() {
        return Arbitraries.of(DigestAlgorithm.class).flatMap(a -> Arbitraries.strings().withChars("0123456789abcdef")
                .ofLength(a.encodedLength()).map(hex -> new Digest(a, hex)));
    }

    private Arbitrary<Long> sizes() {
        return Arbitraries.longs().between(0, Long.MAX_VALUE).withDistribution(net.jqwik.api.RandomDistribution.biased());
    }

    private Arbitrary<Map<String, String>> annotations() {
        return Arbitraries.maps(Arbitraries.strings().ofMaxLength(12), Arbitraries.strings().ofMaxLength(12))
                .ofMaxSize(3);
    }

    private static ObjectNode toJson(Descriptor d) {
        ObjectNode node = NODES.objectNode();
        node.put("mediaType", d.mediaType());
        node.put("digest", d.digest().toString());
        node.put("size", d.size());
        if (d.artifactType() != null) {
            node.put("artifactType", d.artifactType());
        }
        if (!d.urls().isEmpty()) {
            ArrayNode urls = node.putArray("urls");
            d.urls().forEach(urls::add);
        }
        if (!d.annotations().isEmpty()) {
            ObjectNode a = node.putObject("annotations");
            d.annotations().forEach(a::put);
        }
        if (d.platform() != null) {
            ObjectNode p = node.putObject("platform");
            p.put("architecture", d.platform().architecture());
            p.put("os", d.platform().os());
            if (d.platform().variant() != null) {
                p.put("variant", d.platform().variant());
            }
        }
        return node;
    }

    private static Generated prettyPrinted(Generated g) {
        try {
            byte[] content = writeBytes(JSON.readTree(g.content()), true);
            return new Generated(content, g.contentType(), g.mediaType(), g.declaresMediaType(), g.config(),
                    g.entries(), g.subject(), g.artifactType(), g.annotations());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] writeBytes(JsonNode node, boolean pretty) {
        try {
            return pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node) : JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
