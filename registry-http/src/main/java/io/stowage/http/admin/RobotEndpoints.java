package io.stowage.http.admin;

import io.stowage.http.admin.json.NewRobotJson;
import io.stowage.oci.error.ParameterInvalidException;
import io.stowage.service.access.admin.Administration;
import io.stowage.service.access.admin.CreatedRobot;
import io.stowage.service.access.admin.RobotView;
import io.stowage.service.access.admin.Slice;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /robots}. */
final class RobotEndpoints {

    private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]{1,9})([smhd])");

    private RobotEndpoints() {
    }

    static List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of("GET", "/robots", "listRobots", RobotEndpoints::list),
                Endpoint.of("POST", "/robots", "createRobot", RobotEndpoints::create),
                Endpoint.of("GET", "/robots/{name}", "getRobot", RobotEndpoints::get),
                Endpoint.of("DELETE", "/robots/{name}", "deleteRobot", RobotEndpoints::delete),
                Endpoint.of("POST", "/robots/{name}/revoke", "revokeRobot", RobotEndpoints::revoke));
    }

    static void list(Administration admin, AdminCall call) throws Exception {
        int n = call.pageSize();
        Slice<RobotView> page = admin.robots().list(call.actor(), call.query("last").orElse(null), n);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("robots", page.items().stream().map(Translate::robot).toList());
        if (page.more()) {
            String last = page.items().getLast().name();
            body.put("next", last);
            call.nextLink("/robots", "n=" + n + "&last=" + AdminCall.encode(last));
        }
        call.json(200, body);
    }

    static void create(Administration admin, AdminCall call) throws Exception {
        NewRobotJson in = call.body(NewRobotJson.class);
        CreatedRobot created = admin.robots().create(call.actor(), in.name(), in.scopes(),
                instant(in.expiresAt()), duration(in.expiresIn()));
        // The secret is in this response only: no cache may keep it.
        call.header("Cache-Control", "no-store");
        call.header("Location", "/api/v1/robots/" + created.robot().name());
        call.json(201, Translate.created(created));
    }

    static void get(Administration admin, AdminCall call) throws Exception {
        call.json(200, Translate.robot(admin.robots().get(call.actor(), call.parameter("name"))));
    }

    static void delete(Administration admin, AdminCall call) throws Exception {
        admin.robots().delete(call.actor(), call.parameter("name"));
        call.noContent();
    }

    static void revoke(Administration admin, AdminCall call) throws Exception {
        call.json(200, Translate.robot(admin.robots().revoke(call.actor(), call.parameter("name"))));
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ParameterInvalidException("expiresAt must be an RFC 3339 time, e.g. 2026-01-31T12:00:00Z");
        }
    }

    /** {@code 30d}, {@code 12h}, {@code 90m}, {@code 3600s}, or ISO 8601 ({@code P30D}, {@code PT12H}). */
    static Duration duration(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SHORT_DURATION.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new ParameterInvalidException("expiresIn must be a duration such as 30d, 12h, 90m or PT12H");
        }
    }
}
