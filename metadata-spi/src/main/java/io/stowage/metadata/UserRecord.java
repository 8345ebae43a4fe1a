package io.stowage.metadata;

import java.time.Instant;
import java.util.Objects;

/**
 * A local user. {@code passwordHash} is an encoded hash (PHC string, bcrypt) that only the security layer
 * interprets; the store keeps it as given, and {@link #toString()} never shows it, so a logged record leaks nothing.
 */
public record UserRecord(String username, String passwordHash, boolean administrator, boolean disabled,
                         Instant createdAt, Instant updatedAt) {

    /** Longer than any real encoded hash; a bound keeps a runaway value out of the database. */
    public static final int MAX_HASH_LENGTH = 1024;

    public UserRecord {
        Names.require(username, "username");
        Names.requireText(passwordHash, "passwordHash", MAX_HASH_LENGTH);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    @Override
    public String toString() {
        return "UserRecord[username=" + username + ", passwordHash=(hidden), administrator=" + administrator
                + ", disabled=" + disabled + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt + "]";
    }
}
