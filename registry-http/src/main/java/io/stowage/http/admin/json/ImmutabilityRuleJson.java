package io.stowage.http.admin.json;

/**
 * An immutability rule of a namespace: tags whose whole name {@code tagRegex} matches never move or go, in the
 * namespace's repositories that {@code repositoryGlob} matches (null: all of them).
 */
public record ImmutabilityRuleJson(long id, String namespace, String repositoryGlob, String tagRegex) {
}
