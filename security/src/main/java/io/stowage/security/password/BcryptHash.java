package io.stowage.security.password;

import org.bouncycastle.crypto.generators.BCrypt;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A bcrypt hash as htpasswd writes it: {@code $2y$<cost>$<22 chars salt><31 chars hash>}, also {@code $2a$} and
 * {@code $2b$} (the variants differ only in bugs of old C implementations that Java never had, so they verify
 * alike). Accepted for import and verification only; Stowage never writes one.
 *
 * <p>The cost is capped at 17, htpasswd's own maximum: each step doubles the work, and a stored cost of 31 would
 * make one login take hours.
 */
public record BcryptHash(Variant variant, int cost, byte[] salt, byte[] hash) implements PasswordHash {

    public static final int MIN_COST = 4;
    public static final int MAX_COST = 17;
    private static final int SALT_BYTES = 16;
    // bcrypt's output is 24 bytes, of which the crypt format keeps 23.
    private static final int HASH_BYTES = 23;
    // OpenBSD bcrypt keys Blowfish with at most 72 bytes: the password and its NUL terminator, truncated.
    private static final int MAX_KEY_BYTES = 72;
    private static final int ENCODED_LENGTH = 60;

    /** The prefix letter after {@code $2}. */
    public enum Variant {
        A("2a"), B("2b"), Y("2y");

        private final String id;

        Variant(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public BcryptHash {
        if (variant == null) {
            throw new IllegalArgumentException("bcrypt variant is missing");
        }
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be " + MIN_COST + " to " + MAX_COST);
        }
        if (salt == null || salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("bcrypt salt must have 16 bytes");
        }
        if (hash == null || hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("bcrypt hash must have 23 bytes");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    static boolean hasBcryptPrefix(String encoded) {
        return encoded.startsWith("$2a$") || encoded.startsWith("$2b$") || encoded.startsWith("$2y$");
    }

    static BcryptHash parse(String encoded) {
        if (encoded.length() != ENCODED_LENGTH || encoded.charAt(6) != '$') {
            throw new IllegalArgumentException("malformed bcrypt hash: expected $2y$NN$ and 53 characters");
        }
        Variant variant = switch (encoded.substring(1, 3)) {
            case "2a" -> Variant.A;
            case "2b" -> Variant.B;
            case "2y" -> Variant.Y;
            default -> throw new IllegalArgumentException("malformed bcrypt hash: unknown variant");
        };
        char tens = encoded.charAt(4);
        char ones = encoded.charAt(5);
        if (tens < '0' || tens > '9' || ones < '0' || ones > '9') {
            throw new IllegalArgumentException("malformed bcrypt hash: cost must be two digits");
        }
        int cost = (tens - '0') * 10 + (ones - '0');
        byte[] salt = Phc.decodeBcrypt(encoded.substring(7, 29))
                .orElseThrow(() -> new IllegalArgumentException("malformed bcrypt salt encoding"));
        byte[] hash = Phc.decodeBcrypt(encoded.substring(29))
                .orElseThrow(() -> new IllegalArgumentException("malformed bcrypt hash encoding"));
        return new BcryptHash(variant, cost, salt, hash);
    }

    @Override
    public boolean verify(char[] password) {
        byte[] utf8 = PasswordBytes.utf8(password);
        byte[] key = Arrays.copyOf(utf8, Math.min(MAX_KEY_BYTES, utf8.length + 1));
        byte[] computed = null;
        try {
            // The key already holds its NUL terminator (or is cut at 72 bytes), so BC must not add one.
            computed = BCrypt.generate(key, salt, cost, false);
            return MessageDigest.isEqual(Arrays.copyOf(computed, HASH_BYTES), hash);
        } finally {
            Arrays.fill(utf8, (byte) 0);
            Arrays.fill(key, (byte) 0);
            if (computed != null) {
                Arrays.fill(computed, (byte) 0);
            }
        }
    }

    @Override
    public String encoded() {
        return "$" + variant.id() + "$" + (cost < 10 ? "0" : "") + cost + "$" + Phc.encodeBcrypt(salt)
                + Phc.encodeBcrypt(hash);
    }

    /** Always: bcrypt is accepted for import, and replaced by Argon2id at the first successful login. */
    @Override
    public boolean needsRehash(PasswordPolicy policy) {
        return true;
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BcryptHash that && variant == that.variant && cost == that.cost
                && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * variant.hashCode() + cost) + Arrays.hashCode(salt);
    }

    /** Variant and cost only: a hash in a log line is an offline brute-force target. */
    @Override
    public String toString() {
        return "BcryptHash[" + variant.id() + ", cost=" + cost + "]";
    }
}
