package io.stowage.service.access;

import io.stowage.metadata.MetadataStore;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.DeniedException;
import io.stowage.oci.error.UnauthorizedException;
import io.stowage.security.scope.Action;
import io.stowage.security.scope.ResourceType;
import io.stowage.security.scope.Scope;
import io.stowage.security.throttle.LoginThrottle;
import io.stowage.security.token.TokenClaims;
import io.stowage.security.token.TokenException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The registry's access decisions, as the HTTP layer asks for them: who is calling (credentials or token), may they
 * do this to that repository, which scopes a token may carry. Failures are the spec's errors: {@code UNAUTHORIZED}
 * (with the scope to ask a token for) when more credentials could help, {@code DENIED} when they could not.
 */
public final class AccessControl {

    private final AccessPolicy policy;
    private final Authenticator authenticator;
    private final TokenService tokens;
    private final AuditLog audit;

    public AccessControl(AccessPolicy policy, Authenticator authenticator, TokenService tokens, AuditLog audit) {
        this.policy = policy;
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.audit = audit;
    }

    /** Access control over the store's accounts, grants and keys, as configured. */
    public static AccessControl over(MetadataStore metadata, AccessSettings settings, Clock clock) {
        AuditLog audit = new AuditLog(metadata.audit(), clock, settings.auditPulls());
        AccessPolicy policy = new AccessPolicy(metadata, settings.anonymous(), settings.cacheTtl());
        Authenticator authenticator = new Authenticator(metadata, new LoginThrottle(settings.throttle(), clock), audit,
                clock, settings.cacheTtl());
        TokenService tokens = new TokenService(metadata.signingKeys(), settings.tokens(), clock,
                settings.cacheTtl());
        return new AccessControl(policy, authenticator, tokens, audit);
    }

    public AnonymousAccess anonymous() {
        return policy.anonymous();
    }

    public TokenService tokens() {
        return tokens;
    }

    public AuditLog audit() {
        return audit;
    }

    public AccessPolicy policy() {
        return policy;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    /** After a change of accounts or grants through this node: forget everything cached about them. */
    public void invalidate() {
        policy.invalidate();
        authenticator.invalidate();
    }

    /** A caller authenticated by username and password (or robot secret). */
    public Caller login(String username, char[] password, ClientInfo client) {
        return new Caller.WithoutToken(authenticator.login(username, password, client));
    }

    /** A caller authenticated by a bearer token; an invalid token is {@code UNAUTHORIZED}, never anonymous. */
    public Caller bearer(String token) {
        TokenClaims claims;
        try {
            claims = tokens.verify(token);
        } catch (TokenException e) {
            throw new UnauthorizedException(e.getMessage());
        }
        Identity identity = claims.subject().isEmpty() ? Identity.ANONYMOUS : new Identity.Named(claims.subject());
        return new Caller.WithToken(identity, claims.access());
    }

    /**
     * Requires that the caller may take every one of {@code actions} on {@code repository}. {@code challenge} are the
     * actions a client should ask a token for (a push also needs pull, so clients ask for both).
     */
    public void require(Caller caller, RepositoryName repository, Set<Action> actions, Set<Action> challenge) {
        if (allowed(caller, repository).containsAll(actions)) {
            return;
        }
        String scope = new Scope(ResourceType.REPOSITORY, repository.value(), challenge).toString();
        switch (caller) {
            case Caller.WithToken t -> throw new UnauthorizedException(
                    "the token does not grant " + scope, scope, true);
            case Caller.WithoutToken w when w.anonymous() -> throw new UnauthorizedException(
                    "authentication required", scope, false);
            case Caller.WithoutToken w -> throw new DeniedException(
                    "access to " + repository.value() + " is denied");
        }
    }

    /** What the caller may do on the repository. */
    public Set<Action> allowed(Caller caller, RepositoryName repository) {
        return switch (caller) {
            case Caller.WithToken t -> granted(t.access(), repository);
            case Caller.WithoutToken w -> policy.allowed(w.identity(), repository);
        };
    }

    /**
     * The identity whose live permissions filter the catalog: a token's subject as the account is now (empty when
     * it is gone), otherwise the caller's identity.
     */
    public Optional<Identity> liveIdentity(Caller caller) {
        return switch (caller) {
            case Caller.WithToken t when t.identity() instanceof Identity.Named s -> authenticator.resolve(s.subject());
            case Caller.WithToken t -> Optional.of(Identity.ANONYMOUS);
            case Caller.WithoutToken w -> Optional.of(w.identity());
        };
    }

    /** Whether the catalog may be listed at all: anyone but an anonymous caller who may pull nothing anywhere. */
    public void requireCatalog(Caller caller) {
        if (caller.anonymous() && anonymous() == AnonymousAccess.NONE && !policy.anyPublic()) {
            throw new UnauthorizedException("authentication required", Scope.catalog().toString(),
                    caller instanceof Caller.WithToken);
        }
    }

    /** Whether the identity may pull from the repository, for filtering listings. */
    public boolean mayPull(Identity identity, RepositoryName repository) {
        return policy.allowed(identity, repository).contains(Action.PULL);
    }

    /**
     * What a token for {@code identity} may carry of {@code requested}: each repository scope cut down to the
     * actions the identity has there (dropped when none), the catalog scope for anyone but a caller who could list
     * nothing.
     */
    public List<Scope> grantable(Identity identity, List<Scope> requested) {
        List<Scope> granted = new ArrayList<>();
        for (Scope scope : requested) {
            if (scope.type() == ResourceType.REGISTRY) {
                if (!(identity instanceof Identity.Anonymous) || anonymous() != AnonymousAccess.NONE
                        || policy.anyPublic()) {
                    granted.add(scope);
                }
                continue;
            }
            Set<Action> have = policy.allowed(identity, RepositoryName.parse(scope.name()));
            EnumSet<Action> wanted = EnumSet.copyOf(RobotScope.expand(scope.actions()));
            wanted.retainAll(have);
            if (!wanted.isEmpty()) {
                granted.add(new Scope(ResourceType.REPOSITORY, scope.name(), wanted));
            }
        }
        return granted;
    }

    private static Set<Action> granted(List<Scope> access, RepositoryName repository) {
        EnumSet<Action> actions = EnumSet.noneOf(Action.class);
        for (Scope scope : access) {
            if (scope.type() == ResourceType.REPOSITORY && scope.name().equals(repository.value())) {
                actions.addAll(RobotScope.expand(scope.actions()));
            }
        }
        return actions;
    }
}
