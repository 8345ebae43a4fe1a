package io.stowage.service.access.admin;

import java.util.List;

/** What an htpasswd import did: the users it created, and those it skipped because they exist already. */
public record ImportReport(List<String> created, List<String> skipped) {

    public ImportReport {
        created = List.copyOf(created);
        skipped = List.copyOf(skipped);
    }
}
