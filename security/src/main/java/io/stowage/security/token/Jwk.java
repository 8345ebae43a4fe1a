package io.stowage.security.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One public key as a JWK (RFC 7517/7518 for EC, RFC 8037 for Ed25519), and its RFC 7638 thumbprint, which is what
 * Stowage uses as the key id: derived from the key alone, so the same key always has the same kid.
 */
final class Jwk {

    // SubjectPublicKeyInfo of an Ed25519 key: this fixed prefix, then the 32-byte key (RFC 8410).
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int ED25519_KEY_BYTES = 32;

    private Jwk() {
    }

    static ObjectNode render(VerificationKey key) {
        ObjectNode jwk = Json.object();
        switch (key.algorithm()) {
            case ES256 -> {
                ECPoint w = ((ECPublicKey) key.publicKey()).getW();
                jwk.put("kty", "EC").put("crv", "P-256")
                        .put("x", Base64Url.encode(coordinate(w.getAffineX())))
                        .put("y", Base64Url.encode(coordinate(w.getAffineY())));
            }
            case EDDSA -> jwk.put("kty", "OKP").put("crv", "Ed25519")
                    .put("x", Base64Url.encode(ed25519Bytes(key.publicKey())));
        }
        return jwk.put("kid", key.kid()).put("alg", key.algorithm().jwsName()).put("use", "sig");
    }

    /**
     * The key in {@code jwk}, or empty for a key type this package does not use (RFC 7517 section 5 says to skip
     * those). A key of a known type that is malformed, private, for another use or another algorithm is an error.
     */
    static Optional<VerificationKey> parse(ObjectNode jwk) {
        String kty = Json.text(jwk, "kty").orElseThrow(() -> new IllegalArgumentException("JWK without kty"));
        String crv = Json.text(jwk, "crv").orElse("");
        Algorithm algorithm;
        if (kty.equals("EC") && crv.equals("P-256")) {
            algorithm = Algorithm.ES256;
        } else if (kty.equals("OKP") && crv.equals("Ed25519")) {
            algorithm = Algorithm.EDDSA;
        } else {
            return Optional.empty();
        }
        if (jwk.has("d")) {
            throw new IllegalArgumentException("JWK holds private key material");
        }
        JsonNode use = jwk.get("use");
        if (use != null && !"sig".equals(use.textValue())) {
            throw new IllegalArgumentException("JWK is not for signatures");
        }
        JsonNode alg = jwk.get("alg");
        if (alg != null && !algorithm.jwsName().equals(alg.textValue())) {
            throw new IllegalArgumentException("JWK alg does not match its key type");
        }
        String kid = Json.text(jwk, "kid").orElseThrow(() -> new IllegalArgumentException("JWK without kid"));
        PublicKey publicKey = switch (algorithm) {
            case ES256 -> ecPublicKey(member(jwk, "x", Curves.P256_COORDINATE_BYTES),
                    member(jwk, "y", Curves.P256_COORDINATE_BYTES));
            case EDDSA -> ed25519PublicKey(member(jwk, "x", ED25519_KEY_BYTES));
        };
        return Optional.of(new VerificationKey(kid, algorithm, publicKey));
    }

    /** RFC 7638: SHA-256 over the required members in lexicographic order, without whitespace, base64url. */
    static String thumbprint(Algorithm algorithm, PublicKey key) {
        String canonical = switch (algorithm) {
            case ES256 -> {
                ECPoint w = ((ECPublicKey) key).getW();
                yield "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + Base64Url.encode(coordinate(w.getAffineX()))
                        + "\",\"y\":\"" + Base64Url.encode(coordinate(w.getAffineY())) + "\"}";
            }
            case EDDSA -> "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + Base64Url.encode(ed25519Bytes(key)) + "\"}";
        };
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] member(ObjectNode jwk, String name, int length) {
        byte[] bytes = Json.text(jwk, name).flatMap(Base64Url::decode)
                .orElseThrow(() -> new IllegalArgumentException("JWK member " + name + " is not base64url"));
        if (bytes.length != length) {
            throw new IllegalArgumentException("JWK member " + name + " must have " + length + " bytes");
        }
        return bytes;
    }

    /** A coordinate as the fixed-length unsigned big-endian octets RFC 7518 section 6.2.1.2 asks for. */
    private static byte[] coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[Curves.P256_COORDINATE_BYTES];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return out;
    }

    private static byte[] ed25519Bytes(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki.length != ED25519_SPKI_PREFIX.length + ED25519_KEY_BYTES
                || !Arrays.equals(spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("unexpected Ed25519 public key encoding");
        }
        return Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
    }

    private static PublicKey ecPublicKey(byte[] x, byte[] y) {
        ECPoint point = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
        if (!Curves.isOnP256(point)) {
            throw new IllegalArgumentException("JWK point is not on P-256");
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, Curves.P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("JWK is not a usable P-256 key");
        }
    }

    private static PublicKey ed25519PublicKey(byte[] x) {
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + ED25519_KEY_BYTES);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, ED25519_KEY_BYTES);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("JWK is not a usable Ed25519 key");
        }
    }
}
