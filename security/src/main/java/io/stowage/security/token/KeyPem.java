package io.stowage.security.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The key file format (RFC 7468 PEM): a PKCS#8 {@code PRIVATE KEY} block, then a {@code PUBLIC KEY} block.
 * Parsing is strict: exactly those two blocks, standard base64 inside, nothing but blank lines around them.
 */
final class KeyPem {

    static final int MAX_LENGTH = 64 * 1024;
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    record Decoded(Algorithm algorithm, KeyPair keyPair) {
    }

    private KeyPem() {
    }

    static String encode(KeyPair keyPair) {
        return block(PRIVATE, keyPair.getPrivate().getEncoded()) + block(PUBLIC, keyPair.getPublic().getEncoded());
    }

    static Decoded decode(String pem) {
        if (pem == null || pem.isEmpty()) {
            throw new IllegalArgumentException("key file is empty");
        }
        if (pem.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("key file is too long");
        }
        byte[] privateDer = null;
        byte[] publicDer = null;
        String open = null;
        StringBuilder body = new StringBuilder();
        for (String rawLine : pem.split("\n", -1)) {
            String line = rawLine.strip();
            if (open == null) {
                if (line.isEmpty()) {
                    continue;
                }
                if (line.equals(boundary("BEGIN", PRIVATE)) && privateDer == null) {
                    open = PRIVATE;
                } else if (line.equals(boundary("BEGIN", PUBLIC)) && publicDer == null) {
                    open = PUBLIC;
                } else {
                    throw new IllegalArgumentException(
                            "key file must hold one PRIVATE KEY and one PUBLIC KEY block and nothing else");
                }
                body.setLength(0);
            } else if (line.equals(boundary("END", open))) {
                byte[] der = base64(body.toString());
                if (open.equals(PRIVATE)) {
                    privateDer = der;
                } else {
                    publicDer = der;
                }
                open = null;
            } else {
                body.append(line);
            }
        }
        if (open != null) {
            throw new IllegalArgumentException("key file has an unterminated " + open + " block");
        }
        if (privateDer == null || publicDer == null) {
            throw new IllegalArgumentException("key file must hold both a PRIVATE KEY and a PUBLIC KEY block");
        }
        return keys(privateDer, publicDer);
    }

    private static Decoded keys(byte[] privateDer, byte[] publicDer) {
        for (Algorithm algorithm : Algorithm.values()) {
            String family = algorithm == Algorithm.ES256 ? "EC" : "Ed25519";
            try {
                KeyFactory factory = KeyFactory.getInstance(family);
                PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(publicDer));
                return new Decoded(algorithm, new KeyPair(publicKey, privateKey));
            } catch (GeneralSecurityException e) {
                // Not this family: try the next one.
            }
        }
        throw new IllegalArgumentException("key file does not hold a P-256 or Ed25519 key pair");
    }

    private static byte[] base64(String text) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file block is not valid base64");
        }
        if (der.length == 0) {
            throw new IllegalArgumentException("key file has an empty block");
        }
        return der;
    }

    private static String boundary(String kind, String label) {
        return "-----" + kind + " " + label + "-----";
    }

    private static String block(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der);
        return boundary("BEGIN", label) + "\n" + base64 + "\n" + boundary("END", label) + "\n";
    }
}
