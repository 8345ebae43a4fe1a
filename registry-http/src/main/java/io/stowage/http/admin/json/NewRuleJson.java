package io.stowage.http.admin.json;

/**
 * {@code POST /namespaces/{namespace}/-/rules}: for the namespace's repositories matching {@code repositories} (a
 * glob), the principal ({@code kind} user, robot or group, and its name) gets {@code role} instead of its grants, or
 * is denied when {@code role} is {@code deny}.
 */
public record NewRuleJson(String repositories, String kind, String principal, String role) {
}
