package io.stowage.oci;

import io.stowage.oci.error.DigestInvalidException;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A content digest, {@code algorithm ":" encoded}. Only registered algorithms (sha256, sha512) with their exact
 * lower-case hex length are accepted, so a parsed digest is always safe to use as a path component.
 */
public record Digest(DigestAlgorithm algorithm, String encoded) implements Reference, Comparable<Digest> {

    public Digest {
        if (algorithm == null || encoded == null) {
            throw new DigestInvalidException("digest is missing");
        }
        if (encoded.length() != algorithm.encodedLength() || !isLowerHex(encoded)) {
            throw new DigestInvalidException("invalid " + algorithm.id() + " digest encoding");
        }
    }

    /** Parses {@code sha256:<64 hex>} or {@code sha512:<128 hex>}; anything else is {@code DIGEST_INVALID}. */
    public static Digest parse(String value) {
        if (value == null || value.isEmpty()) {
            throw new DigestInvalidException("digest is missing");
        }
        if (value.length() > 200) {
            throw new DigestInvalidException("digest is too long");
        }
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new DigestInvalidException("invalid digest: " + DigestAlgorithm.truncate(value));
        }
        return new Digest(DigestAlgorithm.fromId(value.substring(0, colon)), value.substring(colon + 1));
    }

    public static boolean isValid(String value) {
        try {
            parse(value);
            return true;
        } catch (DigestInvalidException e) {
            return false;
        }
    }

    /** The digest of a finished hash computation. */
    public static Digest of(DigestAlgorithm algorithm, MessageDigest finished) {
        return new Digest(algorithm, HexFormat.of().formatHex(finished.digest()));
    }

    /** Digest of bytes held in memory (manifests, small blobs kept inline; never large blobs). */
    public static Digest of(DigestAlgorithm algorithm, byte[] content) {
        MessageDigest md = algorithm.newMessageDigest();
        md.update(content);
        return of(algorithm, md);
    }

    @Override
    public String toString() {
        return algorithm.id() + ":" + encoded;
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
