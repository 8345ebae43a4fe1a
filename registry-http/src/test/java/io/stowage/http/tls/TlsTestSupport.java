package io.stowage.http.tls;

import io.stowage.security.tls.TestCertificates;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Writing PEM files as operators and cert-manager do, raw TLS connections, and bounded polling. */
final class TlsTestSupport {

    private TlsTestSupport() {
    }

    /** Writes the chain and key files of {@code leaf}; each replaces its file atomically (rename), as tools do. */
    static void install(TestCertificates.Leaf leaf, Path certificate, Path key, boolean traditionalKey)
            throws IOException {
        replace(certificate, leaf.chainPem());
        replace(key, traditionalKey ? leaf.traditionalPem() : leaf.pkcs8Pem());
    }

    static void replace(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Polls {@code condition} every 50 ms until it holds, failing after {@code bound} (a safety net, not a timing). */
    static void await(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A TLS connection of its own (no session reuse across sockets) to 127.0.0.1, handshake done. */
    static SSLSocket connect(TestCertificates ca, int port) throws IOException {
        SSLSocket socket = (SSLSocket) ca.clientContext().getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** Like {@link #connect} but offering exactly these ALPN protocols, as curl and Python clients do. */
    static SSLSocket connectOffering(TestCertificates ca, int port, String... protocols) throws IOException {
        SSLSocket socket = (SSLSocket) ca.clientContext().getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(protocols);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** Like {@link #connect} but naming the server {@code localhost} by SNI, as clients that use the name do. */
    static SSLSocket connectByName(TestCertificates ca, int port) throws IOException {
        SSLSocket socket = (SSLSocket) ca.clientContext().getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(java.util.List.of(new SNIHostName("localhost")));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    static BigInteger servedSerial(SSLSocket socket) throws IOException {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }

    /** The serial number a fresh handshake is presented with. */
    static BigInteger freshHandshakeSerial(TestCertificates ca, int port) {
        try (SSLSocket socket = connect(ca, port)) {
            return servedSerial(socket);
        } catch (IOException e) {
            return null;
        }
    }

    /** One HTTP/1.1 response read off a kept-alive connection. */
    record RawResponse(int status, Map<String, String> headers, byte[] body) {
    }

    /** Sends {@code GET path} with keep-alive on {@code socket} and reads the response (Content-Length bodies). */
    static RawResponse get(SSLSocket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new RawResponse(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
