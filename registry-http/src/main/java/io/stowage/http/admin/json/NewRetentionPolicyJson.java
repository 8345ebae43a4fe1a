package io.stowage.http.admin.json;

/**
 * {@code POST /namespaces/{namespace}/-/retention} (a new policy) and {@code PUT …/-/retention/{id}} (every field of
 * the policy replaced): each rule optional, at least one of {@code keepLastTags}, {@code keepPushedWithin},
 * {@code keepPulledWithin}, {@code untaggedOlderThan}. Periods as {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s},
 * {@code 500ms}. {@code enabled} defaults to true.
 */
public record NewRetentionPolicyJson(String repositoryGlob, Integer keepLastTags, String keepPushedWithin,
                                     String keepPulledWithin, String includeTags, String excludeTags,
                                     String untaggedOlderThan, Boolean enabled) {
}
