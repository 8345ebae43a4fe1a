package io.stowage.service;

import io.stowage.oci.RepositoryName;

/** Where an upload session stands: the number of bytes received so far. */
public record UploadStatus(RepositoryName repository, UploadId id, long received) {
}
