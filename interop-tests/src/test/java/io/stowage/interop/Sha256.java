package io.stowage.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** OCI sha256 digests ({@code sha256:<hex>}) of bytes and of streams, with the number of bytes hashed. */
public record Sha256(long size, String digest) {

    public static String digestOf(byte[] content) {
        return "sha256:" + HexFormat.of().formatHex(newDigest().digest(content));
    }

    /** Reads the stream to its end (and closes it), holding only one buffer in memory. */
    public static Sha256 of(InputStream in) {
        MessageDigest md = newDigest();
        byte[] buffer = new byte[1 << 20];
        long size = 0;
        try (in) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                md.update(buffer, 0, n);
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading failed after " + size + " bytes", e);
        }
        return new Sha256(size, "sha256:" + HexFormat.of().formatHex(md.digest()));
    }

    /** The hex part of a digest: the blob's file name in the content-addressed store. */
    public static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
