package io.stowage.storage.s3;

import java.time.Instant;

/** One append's bytes: the S3 object {@code name} holds the bytes of its key from {@code offset} on. */
record Piece(String name, long offset, long size, Instant lastModified) {

    long end() {
        return offset + size;
    }
}
