package io.stowage.http.admin.json;

/**
 * A retention policy of a namespace. Periods are durations such as {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}
 * or {@code 500ms}; null rules are not set. See {@code docs/operations.md}, "Retention".
 */
public record RetentionPolicyJson(long id, String namespace, String repositoryGlob, Integer keepLastTags,
                                  String keepPushedWithin, String keepPulledWithin, String includeTags,
                                  String excludeTags, String untaggedOlderThan, boolean enabled) {
}
