package io.stowage.security.token;

import java.security.PublicKey;

/**
 * A public key a {@link TokenVerifier} accepts, with the one algorithm it is used with. The algorithm is pinned
 * here, per key, and never taken from a token's header: a token that names another algorithm for this kid is
 * refused.
 */
public record VerificationKey(String kid, Algorithm algorithm, PublicKey publicKey) {

    public VerificationKey {
        Kids.requireValid(kid);
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm is missing");
        }
        algorithm.checkPublicKey(publicKey);
    }

    /** The key with its RFC 7638 thumbprint as kid. */
    public static VerificationKey of(Algorithm algorithm, PublicKey publicKey) {
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm is missing");
        }
        algorithm.checkPublicKey(publicKey);
        return new VerificationKey(Jwk.thumbprint(algorithm, publicKey), algorithm, publicKey);
    }

    @Override
    public String toString() {
        return "VerificationKey[kid=" + kid + ", alg=" + algorithm.jwsName() + "]";
    }
}
