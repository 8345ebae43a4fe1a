package io.stowage.oci;

import io.stowage.oci.error.DigestInvalidException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The digest algorithms a registry must accept (OCI image spec, descriptor.md "Registered algorithms"). */
public enum DigestAlgorithm {
    SHA256("sha256", "SHA-256", 64),
    SHA512("sha512", "SHA-512", 128);

    private final String id;
    private final String jcaName;
    private final int encodedLength;

    DigestAlgorithm(String id, String jcaName, int encodedLength) {
        this.id = id;
        this.jcaName = jcaName;
        this.encodedLength = encodedLength;
    }

    /** The identifier used in digest strings, e.g. {@code sha256}. */
    public String id() {
        return id;
    }

    /** Length of the lower-case hex encoding of a digest of this algorithm. */
    public int encodedLength() {
        return encodedLength;
    }

    public MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + jcaName, e);
        }
    }

    public static DigestAlgorithm fromId(String id) {
        for (DigestAlgorithm a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new DigestInvalidException("unsupported digest algorithm: " + truncate(id));
    }

    /** Shortens client input for error messages, keeping its case: "SHA256:..." must be shown as sent. */
    static String truncate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }
}
