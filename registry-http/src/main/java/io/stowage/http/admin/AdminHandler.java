package io.stowage.http.admin;

import io.stowage.http.Exchange;
import io.stowage.http.routing.Route;
import io.stowage.oci.error.MethodNotAllowedException;
import io.stowage.oci.error.ParameterInvalidException;
import io.stowage.oci.error.RouteNotFoundException;
import io.stowage.oci.error.UnauthorizedException;
import io.stowage.service.access.admin.Administration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The administration API under {@code /api/v1}: JSON in and out, described by {@code /api/v1/openapi.json}, which is
 * generated from nothing: it is a resource checked against {@link #ENDPOINTS} by a test, so the table below is the
 * one list of what the API serves.
 *
 * <p>Everything but the description requires credentials, whatever the anonymous mode says: an anonymous call is
 * answered 401 before its body is read. What each caller may do is the service's to decide ({@link Administration}).
 * A request with a body must send it as {@code application/json}, and so must every {@code POST}, body or not: a
 * browser cannot send that content type to another site without asking first, so a page can't make a logged-in
 * administrator's browser call the API (cross-site request forgery). Errors are the registry's usual JSON error
 * bodies; every response says {@code Cache-Control: no-store}.
 */
public final class AdminHandler {

    /** Every endpoint of the API, in the order the description lists them. */
    static final List<Endpoint> ENDPOINTS = Stream.of(UserEndpoints.endpoints(), RobotEndpoints.endpoints(),
            NamespaceEndpoints.endpoints(), LifecycleEndpoints.endpoints(), RetentionEndpoints.endpoints(),
            KeyEndpoints.endpoints(),
            AuditEndpoints.endpoints(), GcEndpoints.endpoints(),
            List.of(Endpoint.open("GET", "/openapi.json", "getOpenApi", AdminHandler::openApi)))
            .flatMap(List::stream).toList();

    static final String OPENAPI_RESOURCE = "openapi.json";

    private final Administration administration;

    public AdminHandler(Administration administration) {
        this.administration = administration;
    }

    public void handle(Route.Admin route, Exchange exchange) throws Exception {
        exchange.setHeader("Cache-Control", "no-store");
        String path = route.path();
        List<Endpoint> atPath = new ArrayList<>();
        Endpoint endpoint = null;
        Map<String, String> parameters = null;
        for (Endpoint candidate : ENDPOINTS) {
            Optional<Map<String, String>> matched = candidate.path().match(path);
            if (matched.isEmpty()) {
                continue;
            }
            atPath.add(candidate);
            if (candidate.method().equals(exchange.method()) && endpoint == null) {
                endpoint = candidate;
                parameters = matched.get();
            }
        }
        if (atPath.isEmpty()) {
            throw new RouteNotFoundException(abbreviate(exchange.path()));
        }
        if (endpoint == null) {
            Set<String> allowed = new LinkedHashSet<>();
            atPath.forEach(e -> allowed.add(e.method()));
            exchange.setHeader("Allow", String.join(", ", allowed));
            throw new MethodNotAllowedException(exchange.method());
        }
        if (!endpoint.open() && exchange.caller().anonymous()) {
            throw new UnauthorizedException("the administration API requires an administrator's credentials");
        }
        requireJsonContentType(exchange);
        endpoint.operation().handle(administration, new AdminCall(exchange, parameters));
    }

    /** See the class comment: JSON bodies only, and every POST says so. */
    private static void requireJsonContentType(Exchange exchange) throws IOException {
        String method = exchange.method();
        boolean needs = method.equals("POST") || ((method.equals("PUT") || method.equals("PATCH"))
                && exchange.hasBody());
        if (!needs && !exchange.hasBody()) {
            return;
        }
        String type = exchange.header("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals(AdminJson.CONTENT_TYPE)) {
            throw new ParameterInvalidException("send requests to the administration API as application/json");
        }
    }

    private static void openApi(Administration administration, AdminCall call) throws IOException {
        call.raw(200, AdminJson.CONTENT_TYPE, OpenApiDocument.BYTES);
    }

    private static String abbreviate(String path) {
        return path.length() <= 200 ? path : path.substring(0, 200) + "...";
    }

    /** The API description, read once from the resource beside this class. */
    private static final class OpenApiDocument {
        static final byte[] BYTES = load();

        private static byte[] load() {
            try (InputStream in = AdminHandler.class.getResourceAsStream(OPENAPI_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + OPENAPI_RESOURCE + " is missing");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
