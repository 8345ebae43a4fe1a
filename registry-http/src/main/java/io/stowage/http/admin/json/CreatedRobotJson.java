package io.stowage.http.admin.json;

import java.util.List;

/** A robot just created, with the secret it logs in with: shown this once, never again. */
public record CreatedRobotJson(String name, String subject, List<String> scopes, String status, String expiresAt,
                               String revokedAt, String createdBy, String createdAt, String secret) {

    @Override
    public String toString() {
        return "CreatedRobotJson[name=" + name + ", secret=(hidden)]";
    }
}
