package io.stowage.http.admin.json;

/** One audit event. */
public record AuditEventJson(long id, String at, String identity, String clientAddress, String userAgent,
                             String action, String repository, String reference, String result, String detail) {
}
