package io.stowage.http.admin;

import io.stowage.metadata.AuditEvent;
import io.stowage.metadata.AuditQuery;
import io.stowage.oci.error.ParameterInvalidException;
import io.stowage.service.access.admin.Administration;
import io.stowage.service.access.admin.Slice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code /audit}: the audit log, oldest first, filtered by {@code identity}, {@code action}, {@code repository},
 * {@code result} and the time range {@code [from, to)}; paged by {@code afterId} (the last id seen) and {@code n}.
 * {@code format=jsonl} exports every matching event (or {@code n} of them) as JSON Lines.
 */
final class AuditEndpoints {

    private static final List<String> FILTERS = List.of("identity", "action", "repository", "result");

    private AuditEndpoints() {
    }

    static List<Endpoint> endpoints() {
        return List.of(Endpoint.of("GET", "/audit", "queryAudit", AuditEndpoints::query));
    }

    static void query(Administration admin, AdminCall call) throws Exception {
        AuditQuery query = query(call);
        OptionalLong after = call.nonNegativeLong("afterId");
        Long afterId = after.isPresent() ? after.getAsLong() : null;
        String format = call.query("format").orElse("json");
        switch (format) {
            case "jsonl" -> {
                long limit = call.query("n").isPresent() ? call.nonNegativeLong("n").getAsLong() : -1;
                // The export checks the caller before its first line, and nothing goes out before a buffer is full,
                // so a refusal is still a clean error response.
                call.jsonLines(out -> {
                    try {
                        admin.audit().export(call.actor(), query, afterId, limit, event -> {
                            try {
                                out.write(AdminJson.line(Translate.event(event)));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    } catch (UncheckedIOException e) {
                        throw e.getCause();
                    }
                });
            }
            case "json" -> {
                int n = call.pageSize();
                Slice<AuditEvent> page = admin.audit().query(call.actor(), query, afterId, n);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("events", page.items().stream().map(Translate::event).toList());
                if (page.more()) {
                    long last = page.items().getLast().id();
                    body.put("next", last);
                    call.nextLink("/audit", nextQuery(call, n, last));
                }
                call.json(200, body);
            }
            default -> throw new ParameterInvalidException("format must be json or jsonl");
        }
    }

    private static AuditQuery query(AdminCall call) {
        Instant from = call.instant("from");
        Instant to = call.instant("to");
        if (from != null && to != null && from.isAfter(to)) {
            throw new ParameterInvalidException("the time range ends before it starts");
        }
        return new AuditQuery(filter(call, "identity"), filter(call, "action"), filter(call, "repository"),
                filter(call, "result"), from, to);
    }

    private static String filter(AdminCall call, String name) {
        return call.query(name).filter(v -> !v.isEmpty()).orElse(null);
    }

    private static String nextQuery(AdminCall call, int n, long last) {
        StringBuilder query = new StringBuilder();
        for (String name : FILTERS) {
            String value = filter(call, name);
            if (value != null) {
                query.append(name).append('=').append(AdminCall.encode(value)).append('&');
            }
        }
        for (String name : List.of("from", "to")) {
            Instant value = call.instant(name);
            if (value != null) {
                query.append(name).append('=').append(AdminCall.encode(value.toString())).append('&');
            }
        }
        return query.append("afterId=").append(last).append("&n=").append(n).toString();
    }
}
