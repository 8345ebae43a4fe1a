package io.stowage.service.scrub;

import io.stowage.metadata.BlobRecord;
import io.stowage.metadata.MetadataStore;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.BlobUnknownException;
import io.stowage.service.EmbeddedBackends;
import io.stowage.service.Registry;
import io.stowage.service.StorageLayout;
import io.stowage.storage.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scrub against real files: bytes changed or removed behind the registry's back. */
class ScrubberTest {

    private static final RepositoryName REPO = RepositoryName.parse("team/app");

    @TempDir
    Path dir;
    private EmbeddedBackends backends;
    private ObjectStore objects;
    private MetadataStore metadata;
    private Registry registry;
    private Scrubber scrubber;

    @BeforeEach
    void open() {
        backends = EmbeddedBackends.open(dir);
        objects = backends.objects();
        metadata = backends.metadata();
        registry = Registry.over(objects, metadata, Clock.systemUTC());
        scrubber = new Scrubber(objects, metadata, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        backends.close();
    }

    @Test
    void soundBlobsAreVerifiedAndStayServed() throws Exception {
        Digest a = push("a");
        Digest b = push("b");

        Scrubber.ScrubReport report = scrubber.scrub(10);

        assertThat(report.checked()).isEqualTo(2);
        assertThat(report.corrupt() + report.missing()).isZero();
        assertThat(report.bytes()).isEqualTo(2);
        registry.blobs().stat(REPO, a);
        registry.blobs().stat(REPO, b);
    }

    @Test
    void aBlobWhoseBytesChangedOnDiskIsNoLongerServedUntilPushedAgain() throws Exception {
        Digest blob = push("original bytes");
        Files.writeString(file(blob), "tampered bytes");

        Scrubber.ScrubReport report = scrubber.scrub(10);

        assertThat(report.corrupt()).isEqualTo(1);
        assertThat(metadata.scrub().isCorrupt(blob)).isTrue();
        assertThatThrownBy(() -> registry.blobs().stat(REPO, blob)).isInstanceOf(BlobUnknownException.class);

        push("original bytes");

        assertThat(metadata.scrub().isCorrupt(blob)).as("repaired by the push").isFalse();
        assertThat(Files.readString(file(blob))).isEqualTo("original bytes");
        assertThat(registry.blobs().stat(REPO, blob).size()).isEqualTo(14);
    }

    @Test
    void aBlobMissingFromStorageIsReportedAndNotServed() throws Exception {
        Digest blob = push("gone");
        Files.delete(file(blob));

        Scrubber.ScrubReport report = scrubber.scrub(10);

        assertThat(report.missing()).isEqualTo(1);
        assertThatThrownBy(() -> registry.blobs().stat(REPO, blob)).isInstanceOf(BlobUnknownException.class);
        assertThat(metadata.scrub().corruptBlobs(10)).extracting(r -> r.digest()).containsExactly(blob);
    }

    @Test
    void eachRoundMovesOnToTheBlobsVerifiedLongestAgo() throws Exception {
        Set<Digest> all = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            all.add(push("blob " + i));
        }
        Set<Digest> firstRound = digests(metadata.scrub().leastRecentlyVerified(3));

        assertThat(scrubber.scrub(3).checked()).isEqualTo(3);

        Set<Digest> rest = new HashSet<>(all);
        rest.removeAll(firstRound);
        assertThat(digests(metadata.scrub().leastRecentlyVerified(2))).as("the two not yet verified come next")
                .isEqualTo(rest);
    }

    private static Set<Digest> digests(List<BlobRecord> blobs) {
        return blobs.stream().map(BlobRecord::digest).collect(Collectors.toSet());
    }

    private Path file(Digest digest) {
        return dir.resolve("blobs").resolve(StorageLayout.blobKey(digest));
    }

    private Digest push(String content) throws Exception {
        return EmbeddedBackends.pushBlob(registry.uploads(), REPO, content);
    }
}
