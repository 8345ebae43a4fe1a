package io.stowage.http.admin.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code PATCH /namespaces/{namespace}}. */
public record NamespaceChangeJson(@JsonProperty("public") Boolean publicPull) {
}
