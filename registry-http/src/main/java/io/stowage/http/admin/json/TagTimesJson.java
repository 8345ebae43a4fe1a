package io.stowage.http.admin.json;

/** A tag with its manifest, when it was last pushed and when it was last pulled by name (null: never). */
public record TagTimesJson(String tag, String digest, String pushedAt, String lastPulledAt) {
}
