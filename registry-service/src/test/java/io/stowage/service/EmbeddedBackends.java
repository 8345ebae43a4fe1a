package io.stowage.service;

import io.stowage.metadata.MetadataStore;
import io.stowage.metadata.sqlite.SqliteMetadataStore;
import io.stowage.oci.Digest;
import io.stowage.oci.DigestAlgorithm;
import io.stowage.oci.RepositoryName;
import io.stowage.storage.ObjectStore;
import io.stowage.storage.fs.FileSystemObjectStore;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalLong;

/** The embedded backends (filesystem blobs, SQLite metadata) in a test's directory, opened and closed together. */
public final class EmbeddedBackends implements AutoCloseable {

    private final ObjectStore objects;
    private final MetadataStore metadata;

    private EmbeddedBackends(ObjectStore objects, MetadataStore metadata) {
        this.objects = objects;
        this.metadata = metadata;
    }

    /** Opens (or reopens, as a restart would) the backends kept under {@code dir}. */
    public static EmbeddedBackends open(Path dir) {
        return open(dir, Clock.systemUTC());
    }

    /** As {@link #open(Path)}, with the clock the metadata store stamps tags, links and repositories with. */
    public static EmbeddedBackends open(Path dir, Clock clock) {
        return new EmbeddedBackends(FileSystemObjectStore.open(dir.resolve("blobs")),
                SqliteMetadataStore.open(dir.resolve("metadata.db"), clock));
    }

    public ObjectStore objects() {
        return objects;
    }

    public MetadataStore metadata() {
        return metadata;
    }

    /** Pushes {@code content} as one blob in a single request, as a client would; returns its digest. */
    public static Digest pushBlob(UploadService uploads, RepositoryName repository, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.of(DigestAlgorithm.SHA256, bytes);
        return uploads.uploadMonolithic(repository, digest, new ByteArrayInputStream(bytes),
                OptionalLong.of(bytes.length));
    }

    @Override
    public void close() {
        metadata.close();
        objects.close();
    }
}
