package io.stowage.metadata.jdbc;

import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.Tag;
import io.stowage.oci.error.NameInvalidException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Supplier;

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
        // The constructor validates; checking first as well would validate every stored tag twice.
        try {
            return new Tag(stored);
        } catch (NameInvalidException e) {
            throw new CorruptRowException("stored tag is invalid");
        }
    }

    static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }

    /** The instant in a nullable epoch-millisecond column. */
    static Instant instantOrNull(ResultSet row, int column) throws SQLException {
        long epochMillis = row.getLong(column);
        return row.wasNull() ? null : instant(epochMillis);
    }

    /** An instant as stored: epoch milliseconds, or SQL NULL for null. */
    static Long millisOrNull(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    /** A flag as stored: the engines share no boolean type, so 0 or 1 (the schema checks it). */
    static int flag(boolean value) {
        return value ? 1 : 0;
    }

    static boolean flag(long stored) throws CorruptRowException {
        if (stored != 0 && stored != 1) {
            throw new CorruptRowException("stored flag is neither 0 nor 1");
        }
        return stored == 1;
    }

    /** An enum constant stored by its name; null stays null. */
    static <E extends Enum<E>> E constant(Class<E> type, String stored) throws CorruptRowException {
        if (stored == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, stored);
        } catch (IllegalArgumentException e) {
            throw new CorruptRowException("stored " + type.getSimpleName() + " is unknown");
        }
    }

    /** A record built from stored values; values its constructor refuses were not written by this code. */
    static <T> T valid(String what, Supplier<T> record) throws CorruptRowException {
        try {
            return record.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CorruptRowException("stored " + what + " is invalid");
        }
    }

    private Columns() {
    }
}
