package io.stowage.metadata;

import io.stowage.oci.RepositoryName;

import java.time.Instant;
import java.util.Objects;

/**
 * A namespace: a repository-name prefix that grants and rules are attached to. Its name is a valid repository name
 * (for instance {@code team-a} or {@code org/team-a}), so it has no trailing slash. {@code publicPull} says whether
 * anyone may pull from it. Which repositories a namespace covers, and what being public allows, is the
 * access-control service's to decide.
 */
public record NamespaceRecord(String name, boolean publicPull, Instant createdAt) {

    public NamespaceRecord {
        requireName(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A namespace name is a valid repository name; checked here rather than with the client-facing exception. */
    static String requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (!RepositoryName.isValid(name)) {
            throw new IllegalArgumentException(what + " must be a valid repository name (without trailing slash)");
        }
        return name;
    }
}
