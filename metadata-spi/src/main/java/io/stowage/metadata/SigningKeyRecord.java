package io.stowage.metadata;

import java.time.Instant;
import java.util.Objects;

/**
 * A key that signs the registry's tokens, as every node reads it from the shared store. {@code kid} names it in a
 * token's header and follows the {@link Names} rule; {@code algorithm} (for instance {@code ES256} or
 * {@code EdDSA}) and {@code privateKeyPem} are opaque to the store, which keeps them exactly as given. The PEM is a
 * secret: {@link #toString()} never shows it, and a refused PEM is never quoted. {@code retiredAt} null means the
 * key was not retired. Times are kept to the millisecond.
 *
 * <p>A PEM is multi-line text, so unlike the other opaque values it may contain {@code \n} and {@code \r}; otherwise
 * it is printable ASCII (which PEM always is), 1 to {@value #MAX_PEM_LENGTH} characters.
 */
public record SigningKeyRecord(String kid, String algorithm, String privateKeyPem, Instant createdAt,
                               Instant retiredAt) {

    /** Longer than any JWS algorithm name. */
    public static final int MAX_ALGORITHM_LENGTH = 32;
    /** Far more than a PEM private and public key of any algorithm the registry signs with. */
    public static final int MAX_PEM_LENGTH = 16384;

    public SigningKeyRecord {
        Names.require(kid, "kid");
        Names.requireText(algorithm, "algorithm", MAX_ALGORITHM_LENGTH);
        requirePem(privateKeyPem);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether {@code pem} may be stored as a private key PEM. */
    public static boolean isValidPem(String pem) {
        if (pem == null || pem.isEmpty() || pem.length() > MAX_PEM_LENGTH) {
            return false;
        }
        for (int i = 0; i < pem.length(); i++) {
            char c = pem.charAt(i);
            if ((c < 0x20 || c > 0x7e) && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static void requirePem(String pem) {
        Objects.requireNonNull(pem, "privateKeyPem");
        if (!isValidPem(pem)) {
            // Never the value: it is a secret.
            throw new IllegalArgumentException("privateKeyPem must be 1 to " + MAX_PEM_LENGTH
                    + " characters of printable ASCII, line feeds and carriage returns");
        }
    }

    @Override
    public String toString() {
        return "SigningKeyRecord[kid=" + kid + ", algorithm=" + algorithm + ", privateKeyPem=(hidden), createdAt="
                + createdAt + ", retiredAt=" + retiredAt + "]";
    }
}
