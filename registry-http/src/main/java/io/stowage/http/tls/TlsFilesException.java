package io.stowage.http.tls;

/**
 * The TLS certificate or key file cannot be used: missing, unreadable, not PEM of the right kind, or a key that is
 * not the certificate's. The message names the file and what is wrong, never the file's content.
 */
public final class TlsFilesException extends RuntimeException {

    public TlsFilesException(String message) {
        super(message);
    }
}
