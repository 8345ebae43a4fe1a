package io.stowage.http.admin.json;

/** A user's membership of a group. */
public record MembershipJson(String group, String username) {
}
