package io.stowage.oci.manifest;

import io.stowage.oci.Descriptor;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.MediaTypes;
import io.stowage.oci.Platform;
import io.stowage.oci.error.ManifestInvalidException;
import io.stowage.oci.error.OciErrorCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.stowage.oci.manifest.ManifestSamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestParserTest {

    private static Manifest parse(String json, String contentType) {
        return ManifestParser.parse(bytes(json), contentType);
    }

    private static void assertInvalid(String json, String contentType) {
        assertInvalid(bytes(json), contentType);
    }

    private static void assertInvalid(byte[] content, String contentType) {
        assertThatThrownBy(() -> ManifestParser.parse(content, contentType))
                .isInstanceOf(ManifestInvalidException.class)
                .satisfies(e -> assertThat(((ManifestInvalidException) e).code()).isEqualTo(OciErrorCode.MANIFEST_INVALID));
    }

    /** Removes the manifest's own mediaType, which comes first in every sample. */
    private static String withoutMediaType(String json) {
        String stripped = json.replaceFirst("\"mediaType\": \"[^\"]*\",", "");
        assertThat(stripped).isNotEqualTo(json);
        return stripped;
    }

    private static Descriptor descriptor(String mediaType, String digest, long size) {
        return Descriptor.of(mediaType, Digest.parse(digest), size);
    }

    @Nested
    class ValidManifests {

        @Test
        void ociImageManifest() {
            byte[] content = bytes(OCI_MANIFEST);

            ImageManifest m = (ImageManifest) ManifestParser.parse(content, MediaTypes.OCI_MANIFEST);

            assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
            assertThat(m.content()).isEqualTo(content);
            assertThat(m.digest(DigestAlgorithm.SHA256)).isEqualTo(Digest.of(DigestAlgorithm.SHA256, content));
            assertThat(m.config()).isEqualTo(descriptor(MediaTypes.OCI_CONFIG, CONFIG_DIGEST, 7023));
            assertThat(m.layers()).containsExactly(
                    descriptor("application/vnd.oci.image.layer.v1.tar+gzip", LAYER1_DIGEST, 32654),
                    new Descriptor("application/vnd.oci.image.layer.v1.tar+zstd", Digest.parse(LAYER2_DIGEST), 16724,
                            null, Map.of("org.example.layer", "second"), List.of(), null));
            assertThat(m.blobReferences()).containsExactly(m.config(), m.layers().get(0), m.layers().get(1));
            assertThat(m.manifestReferences()).isEmpty();
            assertThat(m.subject()).isEmpty();
            assertThat(m.artifactType()).isEmpty();
            assertThat(m.effectiveArtifactType()).contains(MediaTypes.OCI_CONFIG);
            assertThat(m.annotations()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("com.example.key1", "value1", "com.example.key2", "value2"));
        }

        @Test
        void ociImageIndex() {
            byte[] content = bytes(OCI_INDEX);

            ImageIndex index = (ImageIndex) ManifestParser.parse(content, MediaTypes.OCI_INDEX);

            assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
            assertThat(index.content()).isEqualTo(content);
            assertThat(index.manifests()).extracting(Descriptor::digest)
                    .containsExactly(Digest.parse(CHILD1_DIGEST), Digest.parse(CHILD2_DIGEST));
            assertThat(index.manifests()).extracting(Descriptor::platform).containsExactly(
                    new Platform("ppc64le", "linux", null), new Platform("arm", "linux", "v7"));
            assertThat(index.manifests().get(1).mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
            assertThat(index.manifestReferences()).isEqualTo(index.manifests());
            assertThat(index.blobReferences()).isEmpty();
            assertThat(index.effectiveArtifactType()).isEmpty();
            assertThat(index.annotations()).isEqualTo(Map.of("com.example.key1", "value1"));
        }

        @Test
        void dockerSchema2ManifestExcludesForeignLayersFromBlobReferences() {
            ImageManifest m = (ImageManifest) parse(DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST);

            assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
            assertThat(m.layers()).hasSize(2);
            assertThat(m.layers().get(1).urls()).hasSize(1);
            assertThat(m.blobReferences()).extracting(Descriptor::digest)
                    .containsExactly(Digest.parse(CONFIG_DIGEST), Digest.parse(LAYER1_DIGEST));
            assertThat(m.effectiveArtifactType()).contains("application/vnd.docker.container.image.v1+json");
        }

        @Test
        void aForeignLayerWithoutUrlsMustBeInTheRegistry() {
            String json = DOCKER_MANIFEST.replaceFirst(
                    ",\\s*\"urls\": \\[\"https://mcr.microsoft.com/v2/windows/servercore/blobs/sha256:f+\"]", "");
            ImageManifest m = (ImageManifest) parse(json, MediaTypes.DOCKER_MANIFEST);

            assertThat(m.layers().get(1).urls()).isEmpty();
            assertThat(m.blobReferences()).extracting(Descriptor::digest).contains(Digest.parse(FOREIGN_DIGEST));
        }

        @Test
        void aLayerWithUrlsButAnOrdinaryMediaTypeIsStillABlobReference() {
            String json = DOCKER_MANIFEST.replace(MediaTypes.DOCKER_FOREIGN_LAYER,
                    "application/vnd.docker.image.rootfs.diff.tar.gzip");
            ImageManifest m = (ImageManifest) parse(json, MediaTypes.DOCKER_MANIFEST);

            assertThat(m.blobReferences()).extracting(Descriptor::digest).contains(Digest.parse(FOREIGN_DIGEST));
        }

        @Test
        void dockerManifestList() {
            ImageIndex list = (ImageIndex) parse(DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_MANIFEST_LIST);

            assertThat(list.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
            assertThat(list.manifestReferences()).extracting(Descriptor::mediaType)
                    .containsOnly(MediaTypes.DOCKER_MANIFEST);
            assertThat(list.blobReferences()).isEmpty();
        }

        @Test
        void artifactWithEmptyConfigAndSubject() {
            ImageManifest m = (ImageManifest) parse(ARTIFACT, MediaTypes.OCI_MANIFEST);

            assertThat(m.config().mediaType()).isEqualTo(MediaTypes.OCI_EMPTY);
            assertThat(m.config().size()).isEqualTo(2);
            assertThat(m.artifactType()).contains("application/vnd.example.sbom.v1");
            assertThat(m.effectiveArtifactType()).contains("application/vnd.example.sbom.v1");
            assertThat(m.subject()).contains(descriptor(MediaTypes.OCI_MANIFEST, SUBJECT_DIGEST, 7682));
            assertThat(m.blobReferences()).extracting(Descriptor::digest)
                    .containsExactly(Digest.parse(EMPTY_DIGEST), Digest.parse(LAYER1_DIGEST));
        }

        @Test
        void indexWithArtifactTypeAndSubject() {
            String json = OCI_INDEX.replace("\"manifests\"", """
                    "artifactType": "application/vnd.example.bundle",
                      "subject": { "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "%s", "size": 3 },
                      "manifests\"""".formatted(SUBJECT_DIGEST));
            ImageIndex index = (ImageIndex) parse(json, null);

            assertThat(index.effectiveArtifactType()).contains("application/vnd.example.bundle");
            assertThat(index.subject().map(Descriptor::digest)).contains(Digest.parse(SUBJECT_DIGEST));
        }

        @Test
        void emptyArtifactTypeFallsBackToTheConfigMediaType() {
            // Distribution spec, "Listing Referrers": "empty or missing" artifactType means the config's media type.
            String json = ARTIFACT.replace("\"application/vnd.example.sbom.v1\"", "\"\"");

            assertThat(parse(json, null).effectiveArtifactType()).contains(MediaTypes.OCI_EMPTY);
        }

        @Test
        void emptyArtifactTypeOfAnIndexIsOmitted() {
            String json = OCI_INDEX.replace("\"manifests\"", "\"artifactType\": \"\", \"manifests\"");

            assertThat(parse(json, null).effectiveArtifactType()).isEmpty();
        }

        @Test
        void anIndexMayBeEmpty() {
            ImageIndex index = (ImageIndex) parse("{\"schemaVersion\":2,\"manifests\":[]}", MediaTypes.OCI_INDEX);

            assertThat(index.manifests()).isEmpty();
        }

        @Test
        void aManifestMayHaveNoLayers() {
            String json = OCI_MANIFEST.replaceFirst("(?s)\"layers\": \\[.*?],\\s*\"annotations\"",
                    "\"layers\": [], \"annotations\"");
            ImageManifest m = (ImageManifest) parse(json, null);

            assertThat(m.layers()).isEmpty();
            assertThat(m.blobReferences()).containsExactly(m.config());
        }

        @Test
        void missingMediaTypeIsTakenFromContentType() {
            String manifest = withoutMediaType(OCI_MANIFEST);
            String list = withoutMediaType(DOCKER_MANIFEST_LIST);
            assertThat(manifest).doesNotContain(MediaTypes.OCI_MANIFEST);
            assertThat(list).doesNotContain(MediaTypes.DOCKER_MANIFEST_LIST);

            assertThat(parse(manifest, MediaTypes.OCI_MANIFEST).mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
            assertThat(parse(manifest, MediaTypes.DOCKER_MANIFEST).mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
            assertThat(parse(list, MediaTypes.DOCKER_MANIFEST_LIST)).isInstanceOf(ImageIndex.class)
                    .extracting(Manifest::mediaType).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        }

        @Test
        void withNeitherMediaTypeNorContentTypeTheShapeDecides() {
            String manifest = withoutMediaType(OCI_MANIFEST);
            String index = withoutMediaType(OCI_INDEX);

            assertThat(parse(manifest, null).mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
            assertThat(parse(index, "").mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        }

        @Test
        void declaredMediaTypeWithoutContentTypeIsUsed() {
            assertThat(parse(DOCKER_MANIFEST, null).mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        }

        @Test
        void unknownFieldsAndUnknownDescriptorMediaTypesAreAccepted() {
            // Image spec: implementations storing manifests MUST NOT error on unknown media types.
            String json = """
                    {"schemaVersion":2,"x-unknown":{"deep":[1,2,{"a":null}]},
                     "config":{"mediaType":"application/vnd.example.whatever","digest":"%s","size":0,"extra":true},
                     "layers":[{"mediaType":"text/plain","digest":"%s","size":9223372036854775807}]}
                    """.formatted(CONFIG_DIGEST, LAYER1_DIGEST);

            ImageManifest m = (ImageManifest) parse(json, null);

            assertThat(m.layers().get(0).size()).isEqualTo(Long.MAX_VALUE);
            assertThat(m.effectiveArtifactType()).contains("application/vnd.example.whatever");
        }

        @Test
        void contentIsKeptVerbatimIncludingSurroundingWhitespace() {
            byte[] padded = bytes("\n\t " + OCI_MANIFEST + "\r\n  ");

            assertThat(ManifestParser.parse(padded, null).content()).isEqualTo(padded);
        }

        @Test
        void nullAnnotationsMeanNone() {
            String json = "{\"schemaVersion\":2,\"manifests\":[],\"annotations\":null}";

            assertThat(parse(json, null).annotations()).isEmpty();
        }
    }

    @Nested
    class MediaTypeRules {

        @Test
        void mediaTypeAndContentTypeMustAgree() {
            assertInvalid(OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
            assertInvalid(OCI_MANIFEST, MediaTypes.OCI_INDEX);
            assertInvalid(OCI_INDEX, MediaTypes.OCI_MANIFEST);
            assertInvalid(DOCKER_MANIFEST_LIST, MediaTypes.OCI_INDEX);
            assertInvalid(OCI_MANIFEST, MediaTypes.JSON);
        }

        @Test
        void theShapeMustMatchTheMediaType() {
            String manifestNoType = withoutMediaType(OCI_MANIFEST);
            String indexNoType = withoutMediaType(OCI_INDEX);

            assertInvalid(manifestNoType, MediaTypes.OCI_INDEX);
            assertInvalid(indexNoType, MediaTypes.OCI_MANIFEST);
            assertInvalid(OCI_INDEX.replace("\"manifests\"", "\"layers\": [], \"manifests\""), null);
            assertInvalid(OCI_INDEX.replace("\"manifests\"", "\"config\": {}, \"manifests\""), null);
            assertInvalid(OCI_MANIFEST.replace("\"layers\"", "\"manifests\": [], \"layers\""), null);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "application/vnd.docker.distribution.manifest.v1+json",
                "application/vnd.docker.distribution.manifest.v1+prettyjws",
                "application/vnd.oci.image.config.v1+json",
                "application/vnd.oci.empty.v1+json",
                "application/json",
                "application/octet-stream",
                "application/vnd.oci.image.manifest.v2+json",
                ""})
        void unsupportedMediaTypesAreRejected(String mediaType) {
            String declared = OCI_MANIFEST.replace("\"" + MediaTypes.OCI_MANIFEST + "\"", "\"" + mediaType + "\"");
            String undeclared = withoutMediaType(OCI_MANIFEST);

            assertInvalid(declared, null);
            assertInvalid(declared, mediaType.isBlank() ? null : mediaType);
            if (!mediaType.isBlank()) {
                assertInvalid(undeclared, mediaType);
            }
        }

        @Test
        void mediaTypeMustBeAString() {
            assertInvalid("{\"schemaVersion\":2,\"mediaType\":5,\"manifests\":[]}", null);
            assertInvalid("{\"schemaVersion\":2,\"mediaType\":[\"" + MediaTypes.OCI_INDEX + "\"],\"manifests\":[]}", null);
            assertInvalid("{\"schemaVersion\":2,\"artifactType\":{},\"manifests\":[]}", null);
        }
    }

    @Nested
    class SchemaVersion {

        @ParameterizedTest
        @ValueSource(strings = {"1", "3", "0", "-2", "\"2\"", "2.0", "2.5", "2e0", "null", "true", "[2]", "{}",
                "4294967298", "18446744073709551618", "-4294967294", "9223372036854775810"})
        void anythingButTheInteger2IsRejected(String value) {
            assertInvalid(OCI_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": " + value), null);
        }

        @Test
        void missingSchemaVersionIsRejected() {
            assertInvalid(OCI_MANIFEST.replace("\"schemaVersion\": 2,", ""), null);
        }
    }

    @Nested
    class BadDescriptors {

        private static final String CONFIG = """
                "config": {
                    "mediaType": "application/vnd.oci.image.config.v1+json",
                    "digest": "%s",
                    "size": 7023
                  }""".formatted(CONFIG_DIGEST);

        private void assertConfigInvalid(String badConfig) {
            assertThat(OCI_MANIFEST).contains(CONFIG);
            assertInvalid(OCI_MANIFEST.replace(CONFIG, "\"config\": " + badConfig), null);
        }

        /** A descriptor object with the given raw JSON member values; a null value leaves the member out. */
        private static String config(String mediaType, String digest, String size) {
            List<String> members = new ArrayList<>();
            if (mediaType != null) {
                members.add("\"mediaType\":" + mediaType);
            }
            if (digest != null) {
                members.add("\"digest\":" + digest);
            }
            if (size != null) {
                members.add("\"size\":" + size);
            }
            return "{" + String.join(",", members) + "}";
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"sha256:xyz\"", "\"sha256:C0FFEE\"", "\"\"",
                "\"md5:d41d8cd98f00b204e9800998ecf8427e\"",
                "\"SHA256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\"",
                "\"sha256:CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC\"",
                "\"sha256:ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\"", "5", "null", "[]"})
        void badDigest(String digest) {
            assertConfigInvalid(config("\"" + MediaTypes.OCI_CONFIG + "\"", digest, "1"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "\"5\"", "1.5", "5.0", "1e3", "null", "true", "[]", "9223372036854775808",
                "99999999999999999999999999999999"})
        void badSize(String size) {
            assertConfigInvalid(config("\"" + MediaTypes.OCI_CONFIG + "\"", "\"" + CONFIG_DIGEST + "\"", size));
        }

        @Test
        void missingMembers() {
            String mt = "\"" + MediaTypes.OCI_CONFIG + "\"";
            String digest = "\"" + CONFIG_DIGEST + "\"";
            assertConfigInvalid(config(null, digest, "1"));
            assertConfigInvalid(config(mt, null, "1"));
            assertConfigInvalid(config(mt, digest, null));
            assertConfigInvalid(config("\"\"", digest, "1"));
            assertConfigInvalid(config("null", digest, "1"));
            assertConfigInvalid(config("7", digest, "1"));
            assertConfigInvalid("{}");
            assertConfigInvalid("null");
            assertConfigInvalid("[]");
            assertConfigInvalid("\"" + CONFIG_DIGEST + "\"");
        }

        @Test
        void badOptionalMembers() {
            String valid = config("\"" + MediaTypes.OCI_CONFIG + "\"", "\"" + CONFIG_DIGEST + "\"", "1");
            for (String member : List.of("\"urls\": \"https://x\"", "\"urls\": [1]", "\"urls\": [null]",
                    "\"annotations\": []", "\"annotations\": {\"k\": 1}", "\"annotations\": {\"k\": null}",
                    "\"annotations\": {\"k\": {\"nested\": \"v\"}}", "\"platform\": \"linux/amd64\"",
                    "\"platform\": {\"os\": 1}", "\"artifactType\": 1")) {
                assertConfigInvalid(valid.substring(0, valid.length() - 1) + "," + member + "}");
            }
        }

        @Test
        void badLayersSubjectsAndIndexEntries() {
            assertInvalid(OCI_MANIFEST.replace("\"size\": 32654", "\"size\": -32654"), null);
            assertInvalid(OCI_MANIFEST.replace(LAYER2_DIGEST, "sha512:" + "2".repeat(127)), null);
            assertInvalid(OCI_MANIFEST.replaceFirst("(?s)\"layers\": \\[.*?],\\s*\"annotations\"",
                    "\"layers\": {}, \"annotations\""), null);
            assertInvalid(OCI_MANIFEST.replaceFirst("(?s)\"layers\": \\[.*?],\\s*\"annotations\"",
                    "\"layers\": [null], \"annotations\""), null);
            assertInvalid(OCI_MANIFEST.replaceFirst("(?s),\\s*\"layers\": \\[.*?]", ""), null);
            assertInvalid(OCI_MANIFEST.replaceFirst("(?s)\"config\": \\{.*?},", ""), null);
            assertInvalid(ARTIFACT.replace("\"size\": 7682", "\"size\": \"7682\""), null);
            assertInvalid(ARTIFACT.replace(SUBJECT_DIGEST, "sha256:nope"), null);
            assertInvalid(OCI_MANIFEST.replace("\"layers\"", "\"subject\": null, \"layers\""), null);
            assertInvalid(OCI_INDEX.replace("\"size\": 7143", "\"size\": 7143.0"), null);
            assertInvalid(OCI_INDEX.replace(CHILD2_DIGEST, "sha256:" + "B".repeat(64)), null);
            assertInvalid("{\"schemaVersion\":2,\"manifests\":{}}", null);
            assertInvalid("{\"schemaVersion\":2,\"manifests\":[[]]}", null);
            assertInvalid("{\"schemaVersion\":2,\"manifests\":null}", MediaTypes.OCI_INDEX);
            assertInvalid("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\"}", null);
            assertInvalid("{\"schemaVersion\":2,\"annotations\":[],\"manifests\":[]}", null);
        }
    }

    @Nested
    class MalformedJson {

        @Test
        void duplicateKeysAreRejectedAtEveryLevel() {
            assertInvalid(OCI_MANIFEST.replace("\"schemaVersion\": 2,",
                    "\"schemaVersion\": 2, \"schemaVersion\": 2,"), null);
            assertInvalid(OCI_MANIFEST.replace("\"size\": 7023", "\"size\": 7023, \"size\": 7023"), null);
            assertInvalid(OCI_MANIFEST.replace("\"com.example.key1\": \"value1\",",
                    "\"com.example.key1\": \"value1\", \"com.example.key1\": \"other\","), null);
            assertInvalid(OCI_INDEX.replace("\"os\": \"linux\" }", "\"os\": \"linux\", \"os\": \"windows\" }"), null);
            assertInvalid(OCI_INDEX.replace("\"manifests\"", "\"manifests\": [], \"manifests\""), null);
            // The same key in sibling objects is not a duplicate.
            assertThat(parse(OCI_MANIFEST, null)).isInstanceOf(ImageManifest.class);
        }

        @Test
        void deeplyNestedJsonIsRejectedWithoutOverflowingTheStack() {
            int depth = 100_000;
            String deep = "[".repeat(depth) + "]".repeat(depth);
            assertInvalid(OCI_MANIFEST.replace("\"annotations\": {", "\"x\": " + deep + ", \"annotations\": {"), null);
            assertInvalid(deep, null);
            assertInvalid("{\"a\":".repeat(depth) + "1" + "}".repeat(depth), null);
            assertInvalid("[".repeat(depth), null);
        }

        @Test
        void truncatedJsonIsRejected() {
            String compact = OCI_MANIFEST.strip();
            for (int length = 0; length < compact.length(); length++) {
                assertInvalid(compact.substring(0, length), null);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"x", "}", "]", "{}", "[]", "2", "null", "\"s\"", "//comment", "/* c */", ",", "\u0000"})
        void trailingGarbageIsRejected(String garbage) {
            assertInvalid(OCI_MANIFEST + garbage, null);
            assertInvalid(OCI_MANIFEST.strip() + " " + garbage, null);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "[{\"schemaVersion\":2}]", "\"manifest\"", "2", "-0", "true", "false", "null",
                "1e400", "\"\\u0000\""})
        void nonObjectRootsAreRejected(String root) {
            assertInvalid(root, null);
            assertInvalid(root, MediaTypes.OCI_MANIFEST);
        }

        @Test
        void emptyAndBlankContentIsRejected() {
            assertInvalid(new byte[0], null);
            assertInvalid((byte[]) null, null);
            assertInvalid("   \n\t", MediaTypes.OCI_MANIFEST);
        }

        @Test
        void hugeNumbersAreRejected() {
            String digits = "9".repeat(5_000);
            assertInvalid(OCI_MANIFEST.replace("\"size\": 7023", "\"size\": " + digits), null);
            assertInvalid(OCI_MANIFEST.replace("\"size\": 7023", "\"size\": 1e400"), null);
            assertInvalid(OCI_MANIFEST.replace("\"size\": 7023", "\"size\": 1" + "0".repeat(400) + ".0"), null);
            assertInvalid(OCI_MANIFEST.replace("\"schemaVersion\": 2", "\"schemaVersion\": " + digits), null);
            // Where nothing reads the number, refusing or ignoring it are both fine; anything else is not.
            ManifestAssertions.assertParsesOrIsInvalid(
                    bytes(OCI_MANIFEST.replace("\"layers\"", "\"x\": " + digits + ", \"layers\"")), null);
        }

        @Test
        void nonJsonEncodingsAndInvalidUtf8AreRejected() {
            byte[] latin1 = OCI_MANIFEST.replace("\"value1\"", "\"caf\u00e9\"").getBytes(StandardCharsets.ISO_8859_1);
            assertInvalid(latin1, null);
            assertInvalid(new byte[]{'{', '"', (byte) 0xC3, '"', ':', '1', '}'}, null);
            assertInvalid(new byte[]{(byte) 0xFF, (byte) 0xFE, 0, 0}, null);
            assertInvalid("{'schemaVersion': 2}", null);
            assertInvalid("{schemaVersion: 2}", null);
            assertInvalid("{\"schemaVersion\": 2,}", null);
        }

        @Test
        void aByteOrderMarkIsRefusedOrKeptVerbatim() {
            byte[] json = bytes(OCI_MANIFEST);
            byte[] withBom = new byte[json.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(json, 0, withBom, 3, json.length);

            ManifestAssertions.assertParsesOrIsInvalid(withBom, null);
        }
    }
}
