package io.stowage.http.admin.json;

import java.util.List;

/** A robot as the API shows it; never its secret or the secret's hash. */
public record RobotJson(String name, String subject, List<String> scopes, String status, String expiresAt,
                        String revokedAt, String createdBy, String createdAt) {
}
