package io.stowage.http;

import io.stowage.http.routing.Route;
import io.stowage.oci.Digest;
import io.stowage.service.access.AuditLog;
import io.stowage.service.access.ClientInfo;

/**
 * Writes one audit event per request that changed, or tried to change, what the registry serves: manifest and tag
 * pushes, deletes of tags, manifests and blobs, and mounts; and, when {@code audit.pulls} is on, one per successful
 * pull of a manifest or blob. The result follows the status: 2xx {@code success}, 401 and 403 {@code denied},
 * anything else {@code failure}. Blob uploads are not events of their own: a blob becomes visible through a
 * manifest, whose push is.
 */
final class AuditRecorder {

    private final AuditLog audit;

    AuditRecorder(AuditLog audit) {
        this.audit = audit;
    }

    void record(Route route, Exchange exchange) {
        Event event = event(route, exchange);
        if (event == null) {
            return;
        }
        ClientInfo client = new ClientInfo(exchange.clientAddress(), exchange.header("User-Agent"));
        audit.record(exchange.caller().identity(), client, event.action, event.repository, event.reference,
                result(exchange.status()), event.detail);
    }

    private record Event(String action, String repository, String reference, String detail) {
    }

    private Event event(Route route, Exchange exchange) {
        String method = exchange.method();
        return switch (route) {
            case Route.Manifest m when method.equals("PUT") -> new Event("manifest.push", m.repository().value(),
                    m.reference(), exchange.responseHeader("Docker-Content-Digest"));
            case Route.Manifest m when method.equals("DELETE") -> new Event(
                    isDigest(m.reference()) ? "manifest.delete" : "tag.delete", m.repository().value(), m.reference(),
                    null);
            case Route.Manifest m when method.equals("GET") && pulled(exchange) -> new Event("manifest.pull",
                    m.repository().value(), m.reference(), exchange.responseHeader("Docker-Content-Digest"));
            case Route.Blob b when method.equals("DELETE") -> new Event("blob.delete", b.repository().value(),
                    b.digest(), null);
            case Route.Blob b when method.equals("GET") && pulled(exchange) -> new Event("blob.pull",
                    b.repository().value(), b.digest(), null);
            case Route.UploadStart u when method.equals("POST") && exchange.query().first("mount").isPresent()
                    && (exchange.mounted() || denied(exchange.status())) -> new Event("blob.mount",
                    u.repository().value(), exchange.query().first("mount").get(),
                    exchange.query().first("from").map(f -> "from " + f).orElse(null));
            default -> null;
        };
    }

    private boolean pulled(Exchange exchange) {
        return audit.recordsPulls() && exchange.status() >= 200 && exchange.status() < 300;
    }

    private static boolean isDigest(String reference) {
        return reference.indexOf(':') >= 0 && Digest.isValid(reference);
    }

    private static boolean denied(int status) {
        return status == 401 || status == 403;
    }

    private static String result(int status) {
        if (status >= 200 && status < 300) {
            return AuditLog.SUCCESS;
        }
        return denied(status) ? AuditLog.DENIED : AuditLog.FAILURE;
    }
}
