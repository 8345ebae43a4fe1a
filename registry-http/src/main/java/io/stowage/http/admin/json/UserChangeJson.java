package io.stowage.http.admin.json;

/** {@code PATCH /users/{name}}: what to change; an absent field stays as it is. */
public record UserChangeJson(Boolean administrator, Boolean disabled) {
}
