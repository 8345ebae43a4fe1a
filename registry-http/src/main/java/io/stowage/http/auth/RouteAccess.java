package io.stowage.http.auth;

import io.stowage.http.routing.Route;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.UnauthorizedException;
import io.stowage.security.scope.Action;
import io.stowage.service.access.AccessControl;
import io.stowage.service.access.AnonymousAccess;
import io.stowage.service.access.Caller;

import java.util.EnumSet;
import java.util.Set;

/**
 * The scope each endpoint needs, checked before its handler runs: reads need pull, uploads and manifest puts push,
 * deletes delete. A method an endpoint does not support needs pull, so the caller learns it is unsupported (405) only
 * if it may read the repository. The catalog filters by pull itself; the operational endpoints are open; the token
 * endpoint and the administration API check their own callers.
 */
public final class RouteAccess {

    private static final Set<Action> PULL = EnumSet.of(Action.PULL);
    private static final Set<Action> PUSH = EnumSet.of(Action.PUSH);
    private static final Set<Action> PULL_PUSH = EnumSet.of(Action.PULL, Action.PUSH);
    private static final Set<Action> DELETE = EnumSet.of(Action.DELETE);

    private final AccessControl access;

    public RouteAccess(AccessControl access) {
        this.access = access;
    }

    public void check(Route route, String method, Caller caller) {
        switch (route) {
            case Route.Base b -> {
                // The version check is how clients find out that they must log in (unless anyone may push anyway).
                if (caller instanceof Caller.WithoutToken && caller.anonymous()
                        && access.anonymous() != AnonymousAccess.PUSH) {
                    throw new UnauthorizedException("authentication required", null, false);
                }
            }
            case Route.Catalog c -> access.requireCatalog(caller);
            case Route.TagList t -> require(caller, t.repository(), PULL, PULL);
            case Route.Referrers r -> require(caller, r.repository(), PULL, PULL);
            case Route.Manifest m -> byMethod(caller, m.repository(), method);
            case Route.Blob b -> byMethod(caller, b.repository(), method);
            case Route.UploadStart u -> require(caller, u.repository(), PUSH, PULL_PUSH);
            case Route.Upload u -> require(caller, u.repository(), PUSH, PULL_PUSH);
            case Route.Health h -> { }
            case Route.Ready r -> { }
            case Route.MetricsRoute m -> { }
            case Route.Token t -> { }
            case Route.Jwks j -> { }
            case Route.Admin a -> { }
        }
    }

    private void byMethod(Caller caller, RepositoryName repository, String method) {
        switch (method) {
            case "PUT" -> require(caller, repository, PUSH, PULL_PUSH);
            case "DELETE" -> require(caller, repository, DELETE, DELETE);
            default -> require(caller, repository, PULL, PULL);
        }
    }

    private void require(Caller caller, RepositoryName repository, Set<Action> needed, Set<Action> challenge) {
        access.require(caller, repository, needed, challenge);
    }
}
