package io.stowage.http.admin.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /namespaces}: its name (a repository name) and whether anyone may pull (default false). */
public record NewNamespaceJson(String name, @JsonProperty("public") Boolean publicPull) {
}
