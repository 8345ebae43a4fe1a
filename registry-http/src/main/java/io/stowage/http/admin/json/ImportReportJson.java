package io.stowage.http.admin.json;

import java.util.List;

/** What an htpasswd import did. */
public record ImportReportJson(List<String> created, List<String> skipped) {
}
