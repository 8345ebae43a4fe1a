package io.stowage.oci.manifest;

import java.nio.charset.StandardCharsets;

/** Spec-shaped manifests the parser tests start from (and mutate). */
final class ManifestSamples {

    static final String CONFIG_DIGEST = "sha256:" + "c".repeat(64);
    static final String LAYER1_DIGEST = "sha256:" + "1".repeat(64);
    static final String LAYER2_DIGEST = "sha512:" + "2".repeat(128);
    static final String FOREIGN_DIGEST = "sha256:" + "f".repeat(64);
    static final String SUBJECT_DIGEST = "sha256:" + "5".repeat(64);
    static final String CHILD1_DIGEST = "sha256:" + "a".repeat(64);
    static final String CHILD2_DIGEST = "sha256:" + "b".repeat(64);
    static final String EMPTY_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    static final String OCI_MANIFEST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "config": {
                "mediaType": "application/vnd.oci.image.config.v1+json",
                "digest": "%s",
                "size": 7023
              },
              "layers": [
                {
                  "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                  "digest": "%s",
                  "size": 32654
                },
                {
                  "mediaType": "application/vnd.oci.image.layer.v1.tar+zstd",
                  "digest": "%s",
                  "size": 16724,
                  "annotations": { "org.example.layer": "second" }
                }
              ],
              "annotations": {
                "com.example.key1": "value1",
                "com.example.key2": "value2"
              }
            }
            """.formatted(CONFIG_DIGEST, LAYER1_DIGEST, LAYER2_DIGEST);

    static final String OCI_INDEX = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.index.v1+json",
              "manifests": [
                {
                  "mediaType": "application/vnd.oci.image.manifest.v1+json",
                  "size": 7143,
                  "digest": "%s",
                  "platform": { "architecture": "ppc64le", "os": "linux" }
                },
                {
                  "mediaType": "application/vnd.oci.image.index.v1+json",
                  "size": 7682,
                  "digest": "%s",
                  "platform": { "architecture": "arm", "os": "linux", "variant": "v7", "os.features": ["x"] }
                }
              ],
              "annotations": { "com.example.key1": "value1" }
            }
            """.formatted(CHILD1_DIGEST, CHILD2_DIGEST);

    static final String DOCKER_MANIFEST = """
            {
                "schemaVersion": 2,
                "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                "config": {
                    "mediaType": "application/vnd.docker.container.image.v1+json",
                    "size": 7023,
                    "digest": "%s"
                },
                "layers": [
                    {
                        "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                        "size": 32654,
                        "digest": "%s"
                    },
                    {
                        "mediaType": "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                        "size": 73109,
                        "digest": "%s",
                        "urls": ["https://mcr.microsoft.com/v2/windows/servercore/blobs/%s"]
                    }
                ]
            }
            """.formatted(CONFIG_DIGEST, LAYER1_DIGEST, FOREIGN_DIGEST, FOREIGN_DIGEST);

    static final String DOCKER_MANIFEST_LIST = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
              "manifests": [
                {
                  "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                  "size": 7143,
                  "digest": "%s",
                  "platform": { "architecture": "ppc64le", "os": "linux" }
                },
                {
                  "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                  "size": 7682,
                  "digest": "%s",
                  "platform": { "architecture": "amd64", "os": "linux", "features": ["sse4"] }
                }
              ]
            }
            """.formatted(CHILD1_DIGEST, CHILD2_DIGEST);

    /** An artifact with the empty config and a subject (image spec, "Guidelines for Artifact Usage"). */
    static final String ARTIFACT = """
            {
              "schemaVersion": 2,
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "artifactType": "application/vnd.example.sbom.v1",
              "config": {
                "mediaType": "application/vnd.oci.empty.v1+json",
                "digest": "%s",
                "size": 2,
                "data": "e30="
              },
              "layers": [
                {
                  "mediaType": "application/spdx+json",
                  "digest": "%s",
                  "size": 1234
                }
              ],
              "subject": {
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": "%s",
                "size": 7682
              },
              "annotations": { "org.opencontainers.image.created": "2024-01-01T00:00:00Z" }
            }
            """.formatted(EMPTY_DIGEST, LAYER1_DIGEST, SUBJECT_DIGEST);

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private ManifestSamples() {
    }
}
