package io.stowage.http.admin.json;

/** When a manifest was first pushed to its repository and when it was last pulled there (null: never). */
public record ManifestTimesJson(String repository, String digest, String pushedAt, String lastPulledAt) {
}
