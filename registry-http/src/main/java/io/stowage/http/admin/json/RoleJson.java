package io.stowage.http.admin.json;

/** {@code PUT /namespaces/{namespace}/-/grants/{kind}/{principal}}: {@code reader}, {@code developer}, ... */
public record RoleJson(String role) {
}
