package io.stowage.http.admin.json;

/**
 * {@code POST /namespaces/{namespace}/-/immutability}: {@code tagRegex} (required, java.util.regex, whole tag, at
 * most 256 characters) and {@code repositoryGlob} (optional, a glob over whole repository names; absent: every
 * repository of the namespace).
 */
public record NewImmutabilityRuleJson(String repositoryGlob, String tagRegex) {
}
