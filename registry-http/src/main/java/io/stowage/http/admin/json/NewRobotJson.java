package io.stowage.http.admin.json;

import java.util.List;

/**
 * {@code POST /robots}: name, scopes ({@code repository:<glob>:<actions>}) and at most one of {@code expiresAt} (an
 * RFC 3339 instant) and {@code expiresIn} (a duration: {@code 30d}, {@code 12h}, {@code 90m}, {@code 3600s}, or ISO
 * 8601 like {@code PT12H}).
 */
public record NewRobotJson(String name, List<String> scopes, String expiresAt, String expiresIn) {
}
