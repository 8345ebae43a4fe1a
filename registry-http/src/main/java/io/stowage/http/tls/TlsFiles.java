package io.stowage.http.tls;

import io.stowage.security.tls.TlsCredentials;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the HTTPS server's key material lives: a PEM certificate file (the chain, leaf first) and a PEM key file, and
 * how often they are checked for changes. {@link #read()} reads and checks both; {@link #stamp()} tells cheaply
 * whether they may have changed since.
 */
public record TlsFiles(Path certificate, Path key, Duration reloadInterval) {

    public TlsFiles {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        if (reloadInterval == null || reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("the reload interval must be more than zero");
        }
    }

    /**
     * Reads both files and checks them (see {@link TlsCredentials}).
     *
     * @throws TlsFilesException when a file cannot be read or does not hold what it must; the message names the file
     *                           and never repeats its content
     */
    public TlsCredentials read() {
        String certificateText = readText(certificate, TlsCredentials.MAX_CERTIFICATES_LENGTH);
        String keyText = readText(key, TlsCredentials.MAX_KEY_LENGTH);
        List<X509Certificate> chain;
        try {
            chain = TlsCredentials.certificates(certificateText);
        } catch (IllegalArgumentException e) {
            throw new TlsFilesException(certificate + ": " + e.getMessage());
        }
        PrivateKey privateKey;
        try {
            privateKey = TlsCredentials.privateKey(keyText);
        } catch (IllegalArgumentException e) {
            throw new TlsFilesException(key + ": " + e.getMessage());
        }
        try {
            return TlsCredentials.of(chain, privateKey);
        } catch (IllegalArgumentException e) {
            throw new TlsFilesException(key + " and " + certificate + ": " + e.getMessage());
        }
    }

    /**
     * What identifies the files' current content without reading it: modification time, size and file identity
     * (inode) of each. A replaced file (an atomic rename, a Kubernetes secret update) or a rewritten one changes it.
     *
     * @throws IOException when a file cannot be looked at (missing, no permission)
     */
    public Stamp stamp() throws IOException {
        return new Stamp(FileStamp.of(certificate), FileStamp.of(key));
    }

    /** The two files' {@link FileStamp}s; equal stamps mean nothing changed that {@link #read()} would see. */
    public record Stamp(FileStamp certificate, FileStamp key) {
    }

    /** One file's modification time, size and identity (following symbolic links, as reading does). */
    public record FileStamp(FileTime modified, long size, Object fileKey) {

        static FileStamp of(Path path) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        }
    }

    /**
     * The file as text, at most {@code limit} bytes. PEM is ASCII: bytes are mapped one to one (ISO-8859-1), so a
     * binary file is refused by the PEM reader rather than by a charset error.
     */
    private static String readText(Path path, int limit) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(limit + 1);
        } catch (NoSuchFileException e) {
            throw new TlsFilesException(path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new TlsFilesException(path + ": permission denied");
        } catch (IOException e) {
            String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                    : e.getMessage();
            throw new TlsFilesException(path + ": cannot be read (" + reason + ")");
        }
        if (bytes.length > limit) {
            throw new TlsFilesException(path + ": longer than " + limit + " bytes; not a PEM file of this kind");
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
