package io.stowage.http.admin.json;

/** A rule of a namespace; {@code role} is {@code deny} for a denying rule. */
public record RuleJson(long id, String namespace, String repositories, String kind, String principal, String role) {
}
