package io.stowage.metadata;

import java.time.Instant;
import java.util.Objects;

/** Who holds a named lease and until when. */
public record Lease(String name, String holder, Instant expiresAt) {

    public Lease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
