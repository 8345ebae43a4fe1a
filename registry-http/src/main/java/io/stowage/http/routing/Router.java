package io.stowage.http.routing;

import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.RouteNotFoundException;

/** Matches a decoded request path to a {@link Route}. */
public final class Router {

    public static final String V2 = "/v2/";
    public static final String ADMIN = "/api/v1";
    private static final String TAGS_LIST = "/tags/list";
    private static final String UPLOADS = "/blobs/uploads/";
    private static final String BLOBS = "/blobs/";
    private static final String MANIFESTS = "/manifests/";
    private static final String REFERRERS = "/referrers/";

    private Router() {
    }

    /**
     * @throws RouteNotFoundException when no endpoint matches
     * @throws io.stowage.oci.error.NameInvalidException when an endpoint matches but the repository name is invalid
     */
    public static Route match(String path) {
        switch (path) {
            case "/v2", "/v2/" -> {
                return new Route.Base();
            }
            case "/v2/_catalog" -> {
                return new Route.Catalog();
            }
            case "/healthz" -> {
                return new Route.Health();
            }
            case "/readyz" -> {
                return new Route.Ready();
            }
            case "/metrics" -> {
                return new Route.MetricsRoute();
            }
            case "/token" -> {
                return new Route.Token();
            }
            case "/.well-known/jwks.json" -> {
                return new Route.Jwks();
            }
            default -> {
            }
        }
        if (path.equals(ADMIN) || path.startsWith(ADMIN + "/")) {
            return new Route.Admin(path.substring(ADMIN.length()));
        }
        if (!path.startsWith(V2)) {
            throw new RouteNotFoundException(abbreviate(path));
        }
        String rest = path.substring(V2.length() - 1); // keep the leading '/' so markers match at the start too
        if (rest.endsWith(TAGS_LIST)) {
            return new Route.TagList(name(rest, rest.length() - TAGS_LIST.length(), path));
        }
        if (rest.endsWith("/blobs/uploads")) {
            return new Route.UploadStart(name(rest, rest.length() - "/blobs/uploads".length(), path));
        }
        Route route = lastSegmentRoute(rest, UPLOADS, path);
        if (route == null) {
            route = lastSegmentRoute(rest, BLOBS, path);
        }
        if (route == null) {
            route = lastSegmentRoute(rest, MANIFESTS, path);
        }
        if (route == null) {
            route = lastSegmentRoute(rest, REFERRERS, path);
        }
        if (route == null) {
            throw new RouteNotFoundException(abbreviate(path));
        }
        return route;
    }

    /** Matches {@code <name><marker><segment>} where segment is the last path segment (possibly empty for uploads). */
    private static Route lastSegmentRoute(String rest, String marker, String path) {
        int at = rest.lastIndexOf(marker);
        if (at <= 0) {
            return null;
        }
        String segment = rest.substring(at + marker.length());
        if (segment.indexOf('/') >= 0) {
            return null;
        }
        RepositoryName repository = name(rest, at, path);
        return switch (marker) {
            case UPLOADS -> segment.isEmpty() ? new Route.UploadStart(repository) : new Route.Upload(repository, segment);
            case BLOBS -> segment.isEmpty() ? null : new Route.Blob(repository, segment);
            case MANIFESTS -> segment.isEmpty() ? null : new Route.Manifest(repository, segment);
            case REFERRERS -> segment.isEmpty() ? null : new Route.Referrers(repository, segment);
            default -> throw new IllegalArgumentException(marker);
        };
    }

    private static RepositoryName name(String rest, int end, String path) {
        if (end <= 1) {
            throw new RouteNotFoundException(abbreviate(path));
        }
        return RepositoryName.parse(rest.substring(1, end));
    }

    private static String abbreviate(String path) {
        return path.length() <= 200 ? path : path.substring(0, 200) + "...";
    }
}
