package io.stowage.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets (robot credentials, initial admin password, token ids) and their constant-time comparison. */
public final class Secrets {

    /** 128 bits: below that a secret is guessable offline. */
    public static final int MIN_BYTES = 16;
    public static final int MAX_BYTES = 1024;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    /** {@code bytes} bytes from {@link SecureRandom}, base64url without padding (safe in URLs, headers and files). */
    public static String random(int bytes) {
        if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("a secret has " + MIN_BYTES + " to " + MAX_BYTES + " bytes");
        }
        return BASE64URL.encodeToString(randomBytes(bytes));
    }

    /** Fresh random bytes, for salts and keys. */
    public static byte[] randomBytes(int bytes) {
        byte[] out = new byte[bytes];
        RANDOM.nextBytes(out);
        return out;
    }

    /**
     * Whether two secrets are equal, in time independent of where they differ and of the expected secret's length:
     * both sides are hashed first, so the comparison always runs over 32 bytes. A null side is never equal, not even
     * to another null, so a missing secret can't authenticate.
     */
    public static boolean equal(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
