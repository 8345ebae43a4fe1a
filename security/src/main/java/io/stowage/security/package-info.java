/**
 * Stowage's security core: pure building blocks, with no I/O and no HTTP, for authentication and access control.
 *
 * <ul>
 *   <li>{@link io.stowage.security.password}: password hashes (Argon2id for new ones, bcrypt accepted from htpasswd)
 *       and htpasswd import;</li>
 *   <li>{@link io.stowage.security.scope}: the Docker token scope grammar ({@code repository:team/app:pull,push});</li>
 *   <li>{@link io.stowage.security.token}: signed registry tokens (JWS compact, ES256 or EdDSA), JWKS, key rings;</li>
 *   <li>{@link io.stowage.security.throttle}: refusal of login attempts after repeated failures;</li>
 *   <li>{@link io.stowage.security.tls}: a TLS server's certificate chain and private key, read from PEM.</li>
 * </ul>
 *
 * <p>This package holds what they share: {@link io.stowage.security.Usernames} (the one username grammar) and
 * {@link io.stowage.security.Secrets} (random secrets and constant-time comparison).
 *
 * <p>Error model, one rule for the whole module: input that arrives from a client on every request (a scope, a
 * token) is rejected with a <em>checked</em> exception, so the HTTP layer cannot forget to map it to a response;
 * configuration an operator supplies (a password hash, an htpasswd file, a JWKS, a key file, a TLS certificate and
 * key) and programming errors are rejected with {@link java.lang.IllegalArgumentException}. Messages never repeat a
 * secret, a hash, a token or key material.
 */
package io.stowage.security;
