package io.stowage.security.token;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Optional;

/**
 * The token signature algorithms Stowage accepts, both asymmetric: there is no HMAC, and {@code none} is not an
 * algorithm, so a verifier that holds only public keys cannot be tricked into using one as a shared secret.
 */
public enum Algorithm {
    /** ECDSA on P-256 with SHA-256; JOSE signatures are R||S, 32 bytes each. */
    ES256("ES256", "SHA256withECDSAinP1363Format"),
    /** Ed25519 (RFC 8037). */
    EDDSA("EdDSA", "Ed25519");

    /** Both algorithms' JOSE signatures are 64 bytes. */
    static final int SIGNATURE_BYTES = 64;

    private final String jwsName;
    // The P1363 variant reads and writes the raw R||S form JOSE uses, so no DER conversion is needed.
    private final String jcaSignature;

    Algorithm(String jwsName, String jcaSignature) {
        this.jwsName = jwsName;
        this.jcaSignature = jcaSignature;
    }

    /** The {@code alg} header value. */
    public String jwsName() {
        return jwsName;
    }

    public static Optional<Algorithm> fromJwsName(String name) {
        for (Algorithm algorithm : values()) {
            if (algorithm.jwsName.equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    Signature newSignature() {
        try {
            return Signature.getInstance(jcaSignature);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK provides " + jcaSignature, e);
        }
    }

    KeyPair generateKeyPair() {
        try {
            return switch (this) {
                case ES256 -> {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                    yield generator.generateKeyPair();
                }
                case EDDSA -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides " + this + " key generation", e);
        }
    }

    /** Throws {@link IllegalArgumentException} unless {@code key} is a usable public key of this algorithm. */
    void checkPublicKey(PublicKey key) {
        checkKeyType(key, "public");
        if (this == ES256 && !Curves.isOnP256(((ECPublicKey) key).getW())) {
            throw new IllegalArgumentException("ES256 public key is not a point on P-256");
        }
        try {
            // Ed25519 points are decoded here; an invalid encoding is refused now rather than at every verify.
            newSignature().initVerify(key);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(jwsName + " public key is not usable");
        }
    }

    /** Throws {@link IllegalArgumentException} unless {@code key} is a usable private key of this algorithm. */
    void checkPrivateKey(PrivateKey key) {
        checkKeyType(key, "private");
        try {
            newSignature().initSign(key);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(jwsName + " private key is not usable");
        }
    }

    private void checkKeyType(Key key, String kind) {
        boolean fits = switch (this) {
            case ES256 -> key instanceof ECKey ec && Curves.isP256(ec.getParams());
            case EDDSA -> key instanceof EdECKey ed
                    && ed.getParams().getName().equalsIgnoreCase(NamedParameterSpec.ED25519.getName());
        };
        if (!fits) {
            throw new IllegalArgumentException(jwsName + " needs a " + (this == ES256 ? "P-256" : "Ed25519") + " "
                    + kind + " key");
        }
    }
}
