package io.stowage.service.access.admin;

import io.stowage.metadata.Role;
import io.stowage.oci.error.DeniedException;
import io.stowage.oci.error.UnauthorizedException;
import io.stowage.security.scope.Action;
import io.stowage.service.access.AccessControl;
import io.stowage.service.access.Caller;
import io.stowage.service.access.Identity;

/**
 * Who may administer what. A system administrator may do everything; a user holding the ADMIN role in a namespace
 * (directly or through a group) may manage that namespace's grants, rules and immutability rules; a caller who may
 * pull from a repository may read its usage, tags and times; nobody else may do anything, whatever
 * the anonymous mode says: administration always needs credentials. A token caller is judged by its account as it is
 * now, so a token outlives neither the account nor its administrator flag.
 */
final class Authority {

    private final AccessControl access;

    Authority(AccessControl access) {
        this.access = access;
    }

    /**
     * The caller's current identity, when it has {@code permission}.
     *
     * @throws UnauthorizedException anonymous, or the token's account is gone or disabled
     * @throws DeniedException       authenticated, without the permission
     */
    Identity require(Caller caller, Permission permission) {
        if (caller.anonymous()) {
            throw new UnauthorizedException("the administration API requires an administrator's credentials");
        }
        Identity identity = access.liveIdentity(caller)
                .orElseThrow(() -> new UnauthorizedException("the account can no longer log in"));
        if (identity.administrator()) {
            return identity;
        }
        if (permission instanceof Permission.NamespaceAdministrator n && identity instanceof Identity.User
                && access.policy().roleIn(identity, n.namespace()).filter(r -> r == Role.ADMIN).isPresent()) {
            return identity;
        }
        if (permission instanceof Permission.RepositoryReader r
                && access.allowed(caller, r.repository()).contains(Action.PULL)) {
            return identity;
        }
        throw new DeniedException(switch (permission) {
            case Permission.NamespaceAdministrator n ->
                    "managing namespace " + n.namespace() + " requires an administrator or the namespace's admin role";
            case Permission.RepositoryReader r ->
                    "reading repository " + r.repository() + " requires pull access to it or an administrator";
            case Permission.Administrator a -> "this requires an administrator";
        });
    }
}
