package io.stowage.http.admin.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code PUT /namespaces/{namespace}/-/quota}: {@code bytes}, a number of bytes (not negative), or null for no quota.
 * The field is required, so that an empty object never removes a quota by accident.
 */
public record QuotaJson(@JsonProperty(required = true) Long bytes) {
}
