/**
 * Registry tokens: JWTs signed as JWS compact serialisation, in the Docker token format.
 *
 * <p>The token endpoint authenticates a client, decides which of the requested scopes to grant, and signs
 * {@link io.stowage.security.token.TokenClaims} with the current key of a {@link io.stowage.security.token.KeyRing}
 * ({@link io.stowage.security.token.TokenSigner}). Each registry node verifies the bearer token of each request with a
 * {@link io.stowage.security.token.TokenVerifier} holding the public keys of the ring (or of a
 * {@link io.stowage.security.token.Jwks} it fetched) and reads the granted scopes from the claims.
 *
 * <p>The security model: only asymmetric algorithms (ES256, EdDSA), and the algorithm of every key is pinned in
 * {@link io.stowage.security.token.VerificationKey}, never read from a token, so {@code alg:none}, HMAC with a public
 * key as secret and algorithm substitution are refused before any cryptography runs. Headers and claims are read
 * strictly (duplicate members, trailing data, non-canonical base64url and over-long tokens are malformed). Key ids are
 * RFC 7638 thumbprints, stable for a key. Keys rotate without downtime: the ring keeps previous keys for
 * verification until their tokens have expired, then retires them. Key files are PEM (PKCS#8 private key plus the
 * public key), written and read by {@link io.stowage.security.token.SigningKey#toPem()} and
 * {@link io.stowage.security.token.SigningKey#fromPem}; storing them is the caller's job.
 */
package io.stowage.security.token;
