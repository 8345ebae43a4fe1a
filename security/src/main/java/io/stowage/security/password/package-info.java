/**
 * Password hashes: how Stowage stores and checks the passwords of its accounts.
 *
 * <p>New passwords are hashed with Argon2id ({@link io.stowage.security.password.Passwords#hash(char[])}) and kept
 * as a PHC string; bcrypt hashes are accepted so that an htpasswd file (Apache's {@code htpasswd -B}) can be imported
 * as is, and {@link io.stowage.security.password.PasswordHash#needsRehash} tells the login path when to replace one
 * with Argon2id after a successful login. Every other scheme (MD5 {@code $apr1$}, SHA-1 {@code {SHA}}, DES or
 * SHA crypt, plain text) is refused: they are fast enough to brute-force, and importing them would carry that
 * weakness in silently.
 *
 * <p>Passwords travel as {@code char[]} so the caller can wipe them; this package wipes every byte copy it makes.
 * Comparison is constant-time. Parse errors never repeat the hash.
 */
package io.stowage.security.password;
