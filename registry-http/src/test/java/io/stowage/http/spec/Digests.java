package io.stowage.http.spec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests computed independently of the code under test (plain JCA), in the spec's {@code alg:hex} form. */
final class Digests {

    /** The digest of zero bytes. */
    static final String EMPTY_SHA256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    static String sha256(byte[] content) {
        return "sha256:" + hex("SHA-256", content);
    }

    static String sha512(byte[] content) {
        return "sha512:" + hex("SHA-512", content);
    }

    /** The hex part of a digest, which is also the file name the content-addressed store uses. */
    static String encoded(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Digests() {
    }
}
