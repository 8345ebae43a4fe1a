package io.stowage.http.admin.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A namespace. */
public record NamespaceJson(String name, @JsonProperty("public") boolean publicPull, String createdAt) {
}
