package io.stowage.http.admin.json;

import java.util.List;

/** A user as the API shows it; never a password or its hash. Times are RFC 3339. */
public record UserJson(String username, boolean administrator, boolean disabled, List<String> groups,
                       String createdAt, String updatedAt) {
}
