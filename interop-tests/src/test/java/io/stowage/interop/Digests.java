package io.stowage.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256 digests in the {@code sha256:<hex>} form registries and OCI layouts use. */
final class Digests {

    private Digests() {
    }

    static String sha256(byte[] content) {
        MessageDigest digest = newSha256();
        return format(digest.digest(content));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return format(digest.digest());
    }

    /** The hex part, which names blob files in an OCI layout. */
    static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }

    private static String format(byte[] hash) {
        return "sha256:" + HexFormat.of().formatHex(hash);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
