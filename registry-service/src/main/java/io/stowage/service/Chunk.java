package io.stowage.service;

import java.io.InputStream;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The bytes one request adds to an upload, with what the client declared about them: the offset they start at
 * (from Content-Range) and their length (Content-Range or Content-Length), each when given.
 */
public record Chunk(InputStream data, OptionalLong start, OptionalLong declaredLength) {

    public Chunk {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(declaredLength, "declaredLength");
    }

    /** A chunk the client said nothing about (a streamed PATCH without Content-Range or Content-Length). */
    public static Chunk of(InputStream data) {
        return new Chunk(data, OptionalLong.empty(), OptionalLong.empty());
    }
}
