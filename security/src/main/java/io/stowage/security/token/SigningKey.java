package io.stowage.security.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A key pair that signs tokens, its key id and algorithm, and when it was made (to decide when to rotate).
 *
 * <p>Keys made here get their RFC 7638 thumbprint as kid, so a key keeps its kid across restarts and copies. The
 * constructor checks that the private key matches the public one, so a mismatched pair can't sign tokens that then
 * fail verification everywhere.
 */
public record SigningKey(String kid, Algorithm algorithm, KeyPair keyPair, Instant createdAt) {

    private static final byte[] PROBE = "stowage key pair check".getBytes(StandardCharsets.US_ASCII);

    public SigningKey {
        Kids.requireValid(kid);
        if (algorithm == null || keyPair == null || createdAt == null) {
            throw new IllegalArgumentException("algorithm, key pair and creation time are required");
        }
        algorithm.checkPublicKey(keyPair.getPublic());
        algorithm.checkPrivateKey(keyPair.getPrivate());
        requireMatchingPair(algorithm, keyPair);
        createdAt = createdAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A fresh key pair of {@code algorithm}, created now by {@code clock}. */
    public static SigningKey generate(Algorithm algorithm, Clock clock) {
        if (algorithm == null || clock == null) {
            throw new IllegalArgumentException("algorithm and clock are required");
        }
        return of(algorithm, algorithm.generateKeyPair(), clock.instant());
    }

    /** {@code keyPair} with its RFC 7638 thumbprint as kid. */
    public static SigningKey of(Algorithm algorithm, KeyPair keyPair, Instant createdAt) {
        if (algorithm == null || keyPair == null) {
            throw new IllegalArgumentException("algorithm and key pair are required");
        }
        algorithm.checkPublicKey(keyPair.getPublic());
        return new SigningKey(Jwk.thumbprint(algorithm, keyPair.getPublic()), algorithm, keyPair, createdAt);
    }

    /**
     * Reads a key written by {@link #toPem()}: a PKCS#8 {@code PRIVATE KEY} block and the matching
     * {@code PUBLIC KEY} block. The kid is derived from the public key, as for a generated key.
     *
     * @throws IllegalArgumentException if the text is not exactly those two blocks of a P-256 or Ed25519 pair;
     *                                  the message never includes key material
     */
    public static SigningKey fromPem(String pem, Instant createdAt) {
        KeyPem.Decoded decoded = KeyPem.decode(pem);
        return of(decoded.algorithm(), decoded.keyPair(), createdAt);
    }

    /**
     * The private key as PKCS#8 PEM followed by the public key as SubjectPublicKeyInfo PEM. The public key is
     * written too because the JDK cannot derive it from the private key. Secret: store it like a password.
     */
    public String toPem() {
        return KeyPem.encode(keyPair);
    }

    public VerificationKey verificationKey() {
        return new VerificationKey(kid, algorithm, keyPair.getPublic());
    }

    /** Equal when kid, algorithm, public key and creation time are; the private key follows from the public one. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SigningKey that && kid.equals(that.kid) && algorithm == that.algorithm
                && keyPair.getPublic().equals(that.keyPair.getPublic()) && createdAt.equals(that.createdAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kid, algorithm, keyPair.getPublic(), createdAt);
    }

    /** Never the key material. */
    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", alg=" + algorithm.jwsName() + ", createdAt=" + createdAt + "]";
    }

    private static void requireMatchingPair(Algorithm algorithm, KeyPair keyPair) {
        try {
            Signature signer = algorithm.newSignature();
            signer.initSign(keyPair.getPrivate());
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = algorithm.newSignature();
            verifier.initVerify(keyPair.getPublic());
            verifier.update(PROBE);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("private and public key do not form a pair");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key pair cannot sign");
        }
    }
}
