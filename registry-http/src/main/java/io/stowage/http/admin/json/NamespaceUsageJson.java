package io.stowage.http.admin.json;

/**
 * What a namespace stores, deduplication-aware: {@code logicalBytes} counts a blob once per repository holding it,
 * {@code storedBytes} once in the namespace (what the quota limits), {@code uniqueBytes} only if no repository
 * outside the namespace holds it (what deleting every repository of the namespace would free). Manifests count fully
 * in each. {@code quotaBytes} and {@code remainingBytes} are null without a quota.
 */
public record NamespaceUsageJson(String namespace, long repositories, long logicalBytes, long storedBytes,
                                 long uniqueBytes, long manifestBytes, Long quotaBytes, Long remainingBytes) {
}
