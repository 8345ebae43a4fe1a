package io.stowage.http.admin.json;

/** A token-signing key; never its private half. */
public record KeyJson(String kid, String algorithm, String createdAt, String retiredAt, boolean current) {
}
