package io.stowage.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.MediaTypes;
import io.stowage.oci.manifest.Manifest;
import io.stowage.oci.manifest.ManifestParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Manifest push and listing responses without I/O: {@link ManifestParser#parse} (validation of every descriptor,
 * as {@code ManifestService.put} does first) on a typical image manifest (8 layers, about 1.9 KiB), a large one
 * (100 layers, about 20 KiB) and a multi-platform index (8 platforms); the sha256 of the bytes that follows it; and
 * the serialisation of the JSON documents the listing endpoints answer with, built as registry-http's
 * {@code ListingHandler} builds them and written as its {@code handlers.Json} writes them (a plain
 * {@code ObjectMapper} over maps and lists).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ManifestBenchmark {

    /** As registry-http handlers.Json.MAPPER. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private byte[] image;
    private byte[] largeImage;
    private byte[] index;
    private Map<String, Object> tagsPage;
    private Map<String, Object> catalogPage;
    private Map<String, Object> referrers;

    @Setup
    public void setUp() {
        image = Fixtures.imageManifest("library/app", 8);
        largeImage = Fixtures.imageManifest("library/large", 100);
        index = Fixtures.imageIndex("library/app", 8);

        List<String> tags = new ArrayList<>();
        List<String> repositories = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tags.add(String.format("1.%d.%d-alpine", i / 10, i % 10));
            repositories.add(String.format("team-%02d/service-%03d", i % 7, i));
        }
        tagsPage = new LinkedHashMap<>();
        tagsPage.put("name", "library/app");
        tagsPage.put("tags", tags);
        catalogPage = Map.of("repositories", repositories);

        List<Map<String, Object>> manifests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("mediaType", MediaTypes.OCI_MANIFEST);
            entry.put("digest", Fixtures.digest("referrer/" + i).toString());
            entry.put("size", 812 + i);
            entry.put("artifactType", "application/vnd.example.sbom.v1+json");
            entry.put("annotations", Map.of("org.opencontainers.image.created", "2026-11-29T08:00:00Z"));
            manifests.add(entry);
        }
        referrers = new LinkedHashMap<>();
        referrers.put("schemaVersion", 2);
        referrers.put("mediaType", MediaTypes.OCI_INDEX);
        referrers.put("manifests", manifests);
    }

    @Benchmark
    public Manifest parseImageManifest() {
        return ManifestParser.parse(image, MediaTypes.OCI_MANIFEST);
    }

    @Benchmark
    public Manifest parseLargeImageManifest() {
        return ManifestParser.parse(largeImage, MediaTypes.OCI_MANIFEST);
    }

    @Benchmark
    public Manifest parseIndex() {
        return ManifestParser.parse(index, MediaTypes.OCI_INDEX);
    }

    /** ManifestService.put's digest of a pushed manifest's exact bytes. */
    @Benchmark
    public Digest digestImageManifest() {
        return Digest.of(DigestAlgorithm.SHA256, image);
    }

    @Benchmark
    public byte[] writeTagsPage() throws JsonProcessingException {
        return JSON.writeValueAsBytes(tagsPage);
    }

    @Benchmark
    public byte[] writeCatalogPage() throws JsonProcessingException {
        return JSON.writeValueAsBytes(catalogPage);
    }

    @Benchmark
    public byte[] writeReferrersIndex() throws JsonProcessingException {
        return JSON.writeValueAsBytes(referrers);
    }
}
