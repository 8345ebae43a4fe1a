package io.stowage.security.token;

import io.stowage.security.MutableClock;
import io.stowage.security.scope.ScopeException;
import io.stowage.security.scope.Scopes;

import java.time.Duration;
import java.util.List;

/** Keys, a clock and a verifier shared by the token tests. Keys are generated once: it is the slow part. */
final class TokenFixture {

    static final String ISSUER = "https://auth.stowage.test";
    static final String AUDIENCE = "registry.stowage.test";
    static final Duration LIFETIME = Duration.ofMinutes(5);

    static final MutableClock KEY_CLOCK = MutableClock.at("2026-01-01T00:00:00Z");
    static final SigningKey ES256_KEY = SigningKey.generate(Algorithm.ES256, KEY_CLOCK);
    static final SigningKey EDDSA_KEY = SigningKey.generate(Algorithm.EDDSA, KEY_CLOCK);
    static final SigningKey OTHER_ES256_KEY = SigningKey.generate(Algorithm.ES256, KEY_CLOCK);
    static final SigningKey OTHER_EDDSA_KEY = SigningKey.generate(Algorithm.EDDSA, KEY_CLOCK);

    final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    final TokenVerifier verifier = new TokenVerifier(
            List.of(ES256_KEY.verificationKey(), EDDSA_KEY.verificationKey()), ISSUER, AUDIENCE, clock);

    TokenClaims claims() {
        try {
            return TokenClaims.issue(ISSUER, "alice", AUDIENCE,
                    Scopes.parse("repository:team/app:pull,push registry:catalog:*"), clock, LIFETIME);
        } catch (ScopeException e) {
            throw new AssertionError(e);
        }
    }

    static SigningKey key(Algorithm algorithm) {
        return algorithm == Algorithm.ES256 ? ES256_KEY : EDDSA_KEY;
    }
}
