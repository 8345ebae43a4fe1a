package io.stowage.service.access.admin;

import java.time.Instant;
import java.util.List;

/** A user as the administration API shows it: never the password hash. */
public record UserView(String username, boolean administrator, boolean disabled, List<String> groups,
                       Instant createdAt, Instant updatedAt) {

    public UserView {
        groups = List.copyOf(groups);
    }
}
