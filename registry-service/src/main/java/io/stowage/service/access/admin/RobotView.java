package io.stowage.service.access.admin;

import java.time.Instant;
import java.util.List;

/**
 * A robot as the administration API shows it: never its secret or the secret's hash. {@code subject} is what it logs
 * in as ({@code robot$<name>}); {@code status} is {@code active}, {@code expired} or {@code revoked}.
 */
public record RobotView(String name, String subject, List<String> scopes, Instant expiresAt, Instant revokedAt,
                        String createdBy, Instant createdAt, String status) {

    public RobotView {
        scopes = List.copyOf(scopes);
    }
}
