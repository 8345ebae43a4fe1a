package io.stowage.metadata.jdbc;

import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;

import java.time.Instant;

/**
 * Reads stored text back into value types. A value that fails validation was not written by this code, so it is
 * reported as a corrupt row (a backend failure), never as the client-facing error the value type would throw.
 */
final class Columns {

    static Digest digest(String stored) throws CorruptRowException {
        if (stored == null) {
            return null;
        }
        try {
            return Digest.parse(stored);
        } catch (RuntimeException e) {
            throw new CorruptRowException("stored digest is invalid");
        }
    }

    static RepositoryName repository(String stored) throws CorruptRowException {
        if (!RepositoryName.isValid(stored)) {
            throw new CorruptRowException("stored repository name is invalid");
        }
        return new RepositoryName(stored);
    }

    static Tag tag(String stored) throws CorruptRowException {
        if (!Tag.isValid(stored)) {
            throw new CorruptRowException("stored tag is invalid");
        }
        return new Tag(stored);
    }

    static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }

    private Columns() {
    }
}
