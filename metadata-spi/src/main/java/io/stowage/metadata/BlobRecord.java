package io.stowage.metadata;

import io.stowage.oci.Digest;

import java.time.Instant;

/** A stored blob. */
public record BlobRecord(Digest digest, long size, Instant createdAt) {
}
