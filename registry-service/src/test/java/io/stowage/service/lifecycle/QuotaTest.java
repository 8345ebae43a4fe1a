package io.stowage.service.lifecycle;

import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.NamespaceRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.BlobUnknownException;
import io.stowage.oci.error.BlobUploadUnknownException;
import io.stowage.oci.error.DeniedException;
import io.stowage.oci.error.OciErrorCode;
import io.stowage.service.Chunk;
import io.stowage.service.EmbeddedBackends;
import io.stowage.service.Registry;
import io.stowage.service.StorageLayout;
import io.stowage.service.UploadStatus;
import io.stowage.service.gc.GarbageCollector;
import io.stowage.storage.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Quotas through the upload and blob services: pushes under the quota and exactly at it go through, the one past it
 * is refused and leaves nothing behind, layers the namespace has already cost nothing, mounts count as pushes.
 */
class QuotaTest {

    private static final RepositoryName APP = RepositoryName.parse("team-a/app");
    private static final RepositoryName WEB = RepositoryName.parse("team-a/web");
    private static final RepositoryName OTHER = RepositoryName.parse("team-b/app");

    @TempDir
    Path dir;
    private EmbeddedBackends backends;
    private ObjectStore objects;
    private MetadataStore metadata;
    private Registry registry;
    private LifecycleService lifecycle;

    @BeforeEach
    void open() {
        backends = EmbeddedBackends.open(dir);
        objects = backends.objects();
        metadata = backends.metadata();
        registry = Registry.over(objects, metadata, Clock.systemUTC());
        lifecycle = registry.lifecycle();
        metadata.namespaces().create(new NamespaceRecord("team-a", false, Instant.now()));
        metadata.namespaces().create(new NamespaceRecord("team-b", false, Instant.now()));
        assertThat(lifecycle.setQuota("team-a", OptionalLong.of(100))).isTrue();
    }

    @AfterEach
    void close() {
        registry.close();
        backends.close();
    }

    @Test
    void pushesUnderAndExactlyAtTheQuotaGoThroughAndTheNextIsRefused() throws Exception {
        push(APP, bytes(60, 'a'));
        assertThat(stored("team-a")).as("under").isEqualTo(60);
        push(APP, bytes(40, 'b'));
        assertThat(stored("team-a")).as("exactly at").isEqualTo(100);

        assertThatThrownBy(() -> push(APP, bytes(1, 'c')))
                .isInstanceOfSatisfying(DeniedException.class, e -> {
                    assertThat(e.code()).isEqualTo(OciErrorCode.DENIED);
                    assertThat(e.getMessage()).startsWith("quota of namespace team-a exceeded: used 100 of 100 bytes");
                });
        assertThat(stored("team-a")).isEqualTo(100);
        assertThat(lifecycle.namespaceStatus("team-a")).hasValueSatisfying(status -> {
            assertThat(status.quotaBytes()).hasValue(100);
            assertThat(status.remainingBytes()).hasValue(0);
        });
    }

    @Test
    void aRefusedSessionUploadLeavesNothingBehindAndItsBytesGoWithTheNextCollection() throws Exception {
        push(APP, bytes(90, 'a'));
        RepositoryName fresh = RepositoryName.parse("team-a/fresh");
        byte[] content = bytes(20, 'z');
        Digest digest = Digest.of(DigestAlgorithm.SHA256, content);
        UploadStatus session = registry.uploads().start(fresh);
        registry.uploads().append(fresh, session.id(), Chunk.of(new ByteArrayInputStream(content)));

        assertThatThrownBy(() -> registry.uploads().complete(fresh, session.id(), digest, Optional.empty()))
                .isInstanceOf(DeniedException.class)
                .hasMessageStartingWith("quota of namespace team-a exceeded: used 90 of 100 bytes");

        assertThatThrownBy(() -> registry.uploads().status(fresh, session.id()))
                .as("the session is gone").isInstanceOf(BlobUploadUnknownException.class);
        assertThat(objects.list(StorageLayout.UPLOADS, null, 10)).as("no upload bytes").isEmpty();
        assertThatThrownBy(() -> registry.blobs().stat(fresh, digest)).isInstanceOf(BlobUnknownException.class);
        assertThat(metadata.repositories().exists(fresh)).as("no repository").isFalse();
        assertThat(stored("team-a")).isEqualTo(90);

        // The claimed bytes at the content address are garbage collection's, once the grace period is over.
        new GarbageCollector(objects, metadata, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1)),
                Duration.ZERO).collect();
        assertThat(objects.stat(StorageLayout.blobKey(digest))).as("collected").isEmpty();
        assertThat(metadata.blobs().find(digest)).isEmpty();
    }

    @Test
    void aRefusedMonolithicUploadLeavesNothingBehindAndBytesOthersServeStay() throws Exception {
        byte[] theirs = bytes(150, 't');
        Digest shared = push(OTHER, theirs);

        assertThatThrownBy(() -> push(APP, theirs)).as("stored elsewhere, but new to team-a")
                .isInstanceOf(DeniedException.class).hasMessageContaining("used 0 of 100 bytes, and the blob has 150");

        assertThat(objects.list(StorageLayout.UPLOADS, null, 10)).isEmpty();
        assertThatThrownBy(() -> registry.blobs().stat(APP, shared)).isInstanceOf(BlobUnknownException.class);
        new GarbageCollector(objects, metadata, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1)),
                Duration.ofHours(1)).collect();
        assertThat(registry.blobs().stat(OTHER, shared).size()).as("theirs still").isEqualTo(150);
        assertThat(objects.stat(StorageLayout.blobKey(shared))).isPresent();
    }

    @Test
    void aLayerTheNamespaceHasAlreadyIsNotCountedTwice() throws Exception {
        byte[] base = bytes(100, 'b');
        push(APP, base);

        Digest again = push(WEB, base);

        assertThat(registry.blobs().stat(WEB, again).size()).isEqualTo(100);
        assertThat(stored("team-a")).isEqualTo(100);
        assertThat(lifecycle.namespaceStatus("team-a").orElseThrow().usage().logicalBytes()).isEqualTo(200);
        assertThat(lifecycle.usage(APP).uniqueBytes()).as("shared within the namespace").isZero();
        assertThat(lifecycle.namespaceStatus("team-a").orElseThrow().usage().uniqueBytes()).isEqualTo(100);
        assertThatThrownBy(() -> push(WEB, bytes(1, 'x'))).isInstanceOf(DeniedException.class);
    }

    @Test
    void aMountPastTheQuotaIsRefusedAndLinksNothingWhileOneWithinTheNamespaceCostsNothing() throws Exception {
        Digest big = push(OTHER, bytes(101, 'o'));
        Digest small = push(OTHER, bytes(100, 's'));

        assertThatThrownBy(() -> registry.blobs().mount(APP, big, Optional.of(OTHER), source -> true))
                .isInstanceOf(DeniedException.class).hasMessageStartingWith("quota of namespace team-a exceeded");
        assertThatThrownBy(() -> registry.blobs().mount(APP, big, Optional.empty(), source -> true))
                .as("automatic discovery too").isInstanceOf(DeniedException.class);
        assertThatThrownBy(() -> registry.blobs().stat(APP, big)).isInstanceOf(BlobUnknownException.class);
        assertThat(metadata.repositories().exists(APP)).isFalse();

        assertThat(registry.blobs().mount(APP, small, Optional.of(OTHER), source -> true)).as("exactly at").isTrue();
        assertThat(registry.blobs().mount(WEB, small, Optional.of(APP), source -> true)).as("within team-a")
                .isTrue();
        assertThat(registry.blobs().mount(WEB, small, Optional.empty(), source -> true)).isTrue();
        assertThat(stored("team-a")).isEqualTo(100);
    }

    @Test
    void namespacesWithoutAQuotaAndRepositoriesOutsideTheNamespaceAreNotLimited() throws Exception {
        push(OTHER, bytes(10_000, 'o'));
        push(RepositoryName.parse("team-ab/app"), bytes(10_000, 'p'));
        push(RepositoryName.parse("library/base"), bytes(10_000, 'q'));
        push(APP, bytes(100, 'a'));

        assertThat(lifecycle.namespaceStatus("team-b").orElseThrow().quotaBytes()).isEmpty();
        assertThat(lifecycle.namespaceStatus("team-b").orElseThrow().remainingBytes()).isEmpty();
        assertThat(lifecycle.namespaceStatus("ghost")).isEmpty();
        assertThat(stored("team-a")).isEqualTo(100);
    }

    @Test
    void manifestsCountAndRaisingOrRemovingTheQuotaLetsThePushThrough() throws Exception {
        Images images = new Images(registry, metadata);
        Digest config = images.blob(APP, "{\"config\":1}");
        byte[] manifest = images.manifest(config);
        images.put(APP, io.stowage.oci.Tag.parse("v1"), manifest);
        long used = stored("team-a");
        assertThat(used).isEqualTo(metadata.blobs().find(config).orElseThrow().size() + manifest.length);

        lifecycle.setQuota("team-a", OptionalLong.of(used));
        assertThatThrownBy(() -> push(APP, bytes(1, 'x'))).isInstanceOf(DeniedException.class);
        lifecycle.setQuota("team-a", OptionalLong.of(used + 1));
        push(APP, bytes(1, 'x'));
        lifecycle.setQuota("team-a", OptionalLong.empty());
        push(APP, bytes(5_000, 'y'));
        assertThatThrownBy(() -> lifecycle.setQuota("team-a", OptionalLong.of(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Digest push(RepositoryName repository, byte[] content) throws Exception {
        Digest digest = Digest.of(DigestAlgorithm.SHA256, content);
        return registry.uploads().uploadMonolithic(repository, digest, new ByteArrayInputStream(content),
                OptionalLong.of(content.length));
    }

    private long stored(String namespace) {
        return lifecycle.namespaceStatus(namespace).orElseThrow().usage().storedBytes();
    }

    private static byte[] bytes(int size, char fill) {
        return String.valueOf(fill).repeat(size).getBytes(StandardCharsets.US_ASCII);
    }
}
