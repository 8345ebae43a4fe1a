package io.stowage.service;

import io.stowage.oci.error.BlobUploadUnknownException;

import java.util.UUID;
import java.util.regex.Pattern;

/** An upload session's opaque id: a random UUID, so it is unguessable and safe inside a storage key. */
public record UploadId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public UploadId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new BlobUploadUnknownException(value == null ? "" : value.length() > 64 ? value.substring(0, 64) : value);
        }
    }

    public static UploadId parse(String value) {
        return new UploadId(value);
    }

    public static UploadId random() {
        return new UploadId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
