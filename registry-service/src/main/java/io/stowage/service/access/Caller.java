package io.stowage.service.access;

import io.stowage.security.scope.Scope;

import java.util.List;

/**
 * A request's caller: who it is and how it proved it. With a token, what it may do is what the token grants (checked
 * without reading the store); otherwise it is decided from the identity by the {@link AccessPolicy}.
 */
public sealed interface Caller {

    Identity identity();

    Caller ANONYMOUS = new WithoutToken(Identity.ANONYMOUS);

    /** Anonymous, or authenticated with HTTP Basic on the request itself. */
    record WithoutToken(Identity identity) implements Caller {
    }

    /** Authenticated by a bearer token of this registry. */
    record WithToken(Identity identity, List<Scope> access) implements Caller {
        public WithToken {
            access = List.copyOf(access);
        }
    }

    default boolean anonymous() {
        return identity() instanceof Identity.Anonymous;
    }
}
