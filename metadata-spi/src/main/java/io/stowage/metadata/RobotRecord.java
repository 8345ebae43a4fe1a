package io.stowage.metadata;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A robot account: a named secret for automation (CI, deploy jobs) limited to {@code scopes}. The secret is kept as
 * an encoded hash that only the security layer interprets, and {@link #toString()} never shows it. Scopes are
 * opaque to the store (for instance {@code repository:team-a/*:pull,push}) and kept in the given order.
 * {@code expiresAt} null means it never expires; {@code revokedAt} null means it was not revoked. {@code createdBy}
 * names whoever created it, kept as it was even if that user is deleted later.
 */
public record RobotRecord(String name, String secretHash, List<String> scopes, Instant expiresAt, Instant revokedAt,
                          String createdBy, Instant createdAt) {

    public static final int MAX_SCOPE_LENGTH = 1024;

    public RobotRecord {
        Names.require(name, "name");
        Names.requireText(secretHash, "secretHash", UserRecord.MAX_HASH_LENGTH);
        scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
        for (String scope : scopes) {
            Names.requireText(scope, "scope", MAX_SCOPE_LENGTH);
        }
        Names.require(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "RobotRecord[name=" + name + ", secretHash=(hidden), scopes=" + scopes + ", expiresAt=" + expiresAt
                + ", revokedAt=" + revokedAt + ", createdBy=" + createdBy + ", createdAt=" + createdAt + "]";
    }
}
