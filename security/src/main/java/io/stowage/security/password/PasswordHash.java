package io.stowage.security.password;

/**
 * A stored password hash: Argon2id (what Stowage writes) or bcrypt (what htpasswd files hold).
 * Equality compares the stored values and is not for authentication; use {@link #verify(char[])}.
 */
public sealed interface PasswordHash permits Argon2idHash, BcryptHash {

    /** Longer than any hash this package accepts; bounds the work done on hostile input. */
    int MAX_ENCODED_LENGTH = 512;

    /**
     * Parses an Argon2id PHC string ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}) or a bcrypt hash
     * ({@code $2a$}, {@code $2b$}, {@code $2y$}).
     *
     * @throws IllegalArgumentException for anything else, with a message that never includes the input
     */
    static PasswordHash parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            throw new IllegalArgumentException("password hash is missing");
        }
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException("password hash is too long");
        }
        if (encoded.startsWith(Argon2idHash.PREFIX)) {
            return Argon2idHash.parse(encoded);
        }
        if (BcryptHash.hasBcryptPrefix(encoded)) {
            return BcryptHash.parse(encoded);
        }
        if (encoded.startsWith("$argon2i$") || encoded.startsWith("$argon2d$")) {
            throw new IllegalArgumentException("unsupported Argon2 variant: only argon2id is accepted");
        }
        throw new IllegalArgumentException(
                "unsupported password hash scheme: expected Argon2id ($argon2id$) or bcrypt ($2a$, $2b$, $2y$)");
    }

    /** Whether {@code password} matches, compared in constant time. The caller still owns (and wipes) the array. */
    boolean verify(char[] password);

    /** The storable form, which {@link #parse(String)} reads back to an equal hash. */
    String encoded();

    /** Whether this hash should be replaced by one made under {@code policy} at the next successful login. */
    boolean needsRehash(PasswordPolicy policy);
}
