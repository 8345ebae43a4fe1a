package io.stowage.http.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path of the administration API, relative to {@code /api/v1}: literal segments, {@code {name}} for one segment,
 * and at most one {@code {name...}} for one or more segments (a namespace, whose name contains slashes). A
 * {@code {name...}} never takes a segment that is exactly {@code -}: that is the marker after which a namespace's
 * sub-resources follow ({@code /namespaces/team-a/app/-/grants}), and no repository name has such a component, so
 * every path has at most one reading.
 */
record PathPattern(String text, List<String> segments) {

    static final String MARKER = "-";

    PathPattern {
        segments = List.copyOf(segments);
    }

    static PathPattern parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with /: " + text);
        }
        List<String> segments = List.of(text.substring(1).split("/", -1));
        if (segments.stream().filter(PathPattern::isRest).count() > 1) {
            throw new IllegalArgumentException("at most one {name...} per pattern: " + text);
        }
        return new PathPattern(text, segments);
    }

    /** The path as OpenAPI writes it: {@code {name...}} becomes {@code {name}}. */
    String openApiPath() {
        return "/" + String.join("/", segments.stream().map(s -> isRest(s) ? "{" + name(s) + "}" : s).toList());
    }

    /** The parameters of {@code path} (relative to {@code /api/v1}), or empty when it does not match. */
    Optional<Map<String, String>> match(String path) {
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        List<String> parts = List.of(path.substring(1).split("/", -1));
        if (parts.stream().anyMatch(String::isEmpty)) {
            return Optional.empty();
        }
        int rest = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (isRest(segments.get(i))) {
                rest = i;
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rest < 0) {
            if (parts.size() != segments.size()) {
                return Optional.empty();
            }
            for (int i = 0; i < parts.size(); i++) {
                if (!matchSegment(segments.get(i), parts.get(i), parameters)) {
                    return Optional.empty();
                }
            }
            return Optional.of(parameters);
        }
        int after = segments.size() - rest - 1;
        int middle = parts.size() - rest - after;
        if (middle < 1) {
            return Optional.empty();
        }
        for (int i = 0; i < rest; i++) {
            if (!matchSegment(segments.get(i), parts.get(i), parameters)) {
                return Optional.empty();
            }
        }
        List<String> taken = new ArrayList<>(parts.subList(rest, rest + middle));
        if (taken.contains(MARKER)) {
            return Optional.empty();
        }
        parameters.put(name(segments.get(rest)), String.join("/", taken));
        for (int i = 0; i < after; i++) {
            if (!matchSegment(segments.get(rest + 1 + i), parts.get(rest + middle + i), parameters)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private static boolean matchSegment(String pattern, String part, Map<String, String> parameters) {
        if (isParameter(pattern)) {
            if (part.equals(MARKER)) {
                return false;
            }
            parameters.put(name(pattern), part);
            return true;
        }
        return pattern.equals(part);
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static boolean isRest(String segment) {
        return isParameter(segment) && segment.endsWith("...}");
    }

    private static String name(String segment) {
        String inner = segment.substring(1, segment.length() - 1);
        return inner.endsWith("...") ? inner.substring(0, inner.length() - 3) : inner;
    }
}
