package io.stowage.http.tls;

import io.stowage.http.metrics.Counter;
import io.stowage.http.metrics.Metrics;
import io.stowage.security.Secrets;
import io.stowage.security.tls.TlsCredentials;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.KeyStore;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The HTTPS server's {@link SslContextFactory} and the watcher that keeps it in step with the PEM files: every
 * {@link TlsFiles#reloadInterval()} one platform thread looks at the files' modification times, sizes and identities,
 * and when they changed it reads and checks them and swaps them in with {@link SslContextFactory#reload}. New
 * handshakes then get the new certificate; connections already open keep theirs. Files that cannot be used (half
 * written, a key that is not the certificate's) leave the previous certificate serving, with one warning per change.
 * Log lines describe certificates (subject, serial, expiry, fingerprint), never keys.
 */
public final class CertificateReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);
    private static final String ALIAS = "stowage";

    private final TlsFiles files;
    private final SslContextFactory.Server factory;
    private final Counter reloads;
    private final ScheduledExecutorService watcher;
    /** What is being served; written by the watcher thread, read by metric scrapes. */
    private volatile TlsCredentials current;
    /** The files as last looked at, null when unknown; the watcher thread's alone once started. */
    private TlsFiles.Stamp seen;
    private boolean stampFailing;

    private CertificateReloader(TlsFiles files, SslContextFactory.Server factory, TlsCredentials current,
                                TlsFiles.Stamp seen, Metrics metrics) {
        this.files = files;
        this.factory = factory;
        this.current = current;
        this.seen = seen;
        metrics.registerGauge("stowage_tls_certificate_expiry_timestamp_seconds",
                "When the TLS certificate being served expires (its notAfter), in Unix seconds",
                () -> this.current.notAfter().getEpochSecond());
        this.reloads = metrics.counter("stowage_tls_reloads_total",
                "Changes of the TLS certificate or key files, by whether they were taken (success) or not (failure)",
                "result");
        reloads.add(0, "success");
        reloads.add(0, "failure");
        this.watcher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("stowage-tls-reload").factory());
    }

    /**
     * Reads the files and builds the server's TLS context from them: TLS 1.2 and 1.3, ciphers ordered for HTTP/2, no
     * renegotiation, no SNI requirement. Does not watch yet (see {@link #startWatching()}).
     *
     * @throws TlsFilesException when the files cannot be used
     */
    public static CertificateReloader open(TlsFiles files, Metrics metrics) {
        TlsFiles.Stamp stamp;
        try {
            // Taken before reading: if the files change in between, the next look sees a new stamp and reads again.
            stamp = files.stamp();
        } catch (IOException e) {
            stamp = null; // read() below says what is wrong with the files
        }
        TlsCredentials credentials = files.read();
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        factory.setCipherComparator(HTTP2Cipher.COMPARATOR);
        factory.setUseCipherSuitesOrder(true);
        factory.setRenegotiationAllowed(false);
        factory.setSniRequired(false);
        install(factory, credentials);
        LOG.info("TLS certificate {}", credentials);
        warnIfExpired(credentials);
        return new CertificateReloader(files, factory, credentials, stamp, metrics);
    }

    public SslContextFactory.Server sslContextFactory() {
        return factory;
    }

    /** Starts looking at the files every reload interval. */
    public void startWatching() {
        long millis = files.reloadInterval().toMillis();
        watcher.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // A failure must not end the schedule: the next look may succeed.
            LOG.warn("TLS files check failed: {}", e.toString());
        }
    }

    private void check() {
        TlsFiles.Stamp stamp;
        try {
            stamp = files.stamp();
        } catch (IOException e) {
            if (!stampFailing) {
                stampFailing = true;
                reloads.inc("failure");
                LOG.warn("TLS files {} and {} cannot be looked at ({}); still serving the certificate with serial {}",
                        files.certificate(), files.key(), e.getClass().getSimpleName(), serial(current));
            }
            return;
        }
        stampFailing = false;
        if (stamp.equals(seen)) {
            return;
        }
        seen = stamp;
        reload();
    }

    private void reload() {
        TlsCredentials next;
        try {
            next = files.read();
        } catch (TlsFilesException e) {
            reloads.inc("failure");
            LOG.warn("TLS files changed but cannot be used, still serving the certificate with serial {}: {}",
                    serial(current), e.getMessage());
            return;
        }
        TlsCredentials previous = current;
        if (next.chain().equals(previous.chain()) && next.privateKey().equals(previous.privateKey())) {
            LOG.debug("TLS files touched, content unchanged");
            return;
        }
        try {
            factory.reload(f -> install((SslContextFactory.Server) f, next));
        } catch (Exception e) {
            reloads.inc("failure");
            LOG.warn("TLS certificate {} could not be installed ({}); going back to the previous one", next,
                    e.getClass().getSimpleName());
            try {
                factory.reload(f -> install((SslContextFactory.Server) f, previous));
            } catch (Exception again) {
                LOG.error("TLS context could not be restored ({}); new connections may fail until the files change",
                        again.getClass().getSimpleName());
            }
            return;
        }
        current = next;
        reloads.inc("success");
        LOG.info("TLS certificate reloaded: {}", next);
        warnIfExpired(next);
    }

    /** The key store lives in memory only; its password is random and never leaves this process. */
    private static void install(SslContextFactory.Server factory, TlsCredentials credentials) {
        String password = Secrets.random(24);
        KeyStore store = credentials.toKeyStore(ALIAS, password.toCharArray());
        factory.setKeyStore(store);
        factory.setKeyManagerPassword(password);
        factory.setCertAlias(ALIAS);
    }

    private static void warnIfExpired(TlsCredentials credentials) {
        if (credentials.notAfter().isBefore(Instant.now())) {
            LOG.warn("TLS certificate expired at {}: clients will refuse it", credentials.notAfter());
        }
    }

    private static String serial(TlsCredentials credentials) {
        return credentials.leaf().getSerialNumber().toString(16);
    }

    /** Stops watching; the TLS context itself goes with the server. */
    @Override
    public void close() throws InterruptedException {
        watcher.shutdownNow();
        watcher.awaitTermination(10, TimeUnit.SECONDS);
    }
}
