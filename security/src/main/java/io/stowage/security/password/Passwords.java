package io.stowage.security.password;

import io.stowage.security.Secrets;

import java.util.Arrays;

/** Creates Argon2id hashes of new passwords. */
public final class Passwords {

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private Passwords() {
    }

    /** Hashes {@code password} under {@link PasswordPolicy#DEFAULT} with a fresh 16-byte random salt. */
    public static Argon2idHash hash(char[] password) {
        return hash(password, PasswordPolicy.DEFAULT);
    }

    /** Hashes {@code password} under {@code policy} with a fresh 16-byte random salt. */
    public static Argon2idHash hash(char[] password, PasswordPolicy policy) {
        byte[] salt = Secrets.randomBytes(SALT_BYTES);
        byte[] bytes = PasswordBytes.utf8(password);
        byte[] derived = null;
        try {
            derived = Argon2idHash.derive(bytes, salt, policy.memoryKiB(), policy.iterations(), policy.parallelism(),
                    HASH_BYTES);
            return new Argon2idHash(policy.memoryKiB(), policy.iterations(), policy.parallelism(), salt, derived);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (derived != null) {
                Arrays.fill(derived, (byte) 0);
            }
        }
    }

    /**
     * A hash that no password matches but that costs a full verification under {@code policy}. The login path
     * verifies against it when the account does not exist, so the response time does not reveal which usernames
     * exist.
     */
    public static Argon2idHash decoy(PasswordPolicy policy) {
        return new Argon2idHash(policy.memoryKiB(), policy.iterations(), policy.parallelism(),
                Secrets.randomBytes(SALT_BYTES), Secrets.randomBytes(HASH_BYTES));
    }
}
