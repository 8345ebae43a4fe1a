package io.stowage.http.admin.json;

/** A principal's role in a namespace. */
public record GrantJson(String namespace, String kind, String principal, String role) {
}
