package io.stowage.metadata.jdbc;

import java.sql.SQLException;

/** A stored value that cannot be what this code wrote; surfaces like any other database failure. */
final class CorruptRowException extends SQLException {
    CorruptRowException(String reason) {
        super(reason);
    }
}
