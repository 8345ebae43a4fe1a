package io.stowage.http.spec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for request targets the JDK client would refuse or normalise: dot segments,
 * encoded slashes, characters that are not legal in a URI. One request per connection ({@code Connection: close}),
 * so the response ends where the stream ends.
 */
final class RawHttp {

    private RawHttp() {
    }

    static Response send(int port, String method, String target) {
        return send(port, method, target, new String[0]);
    }

    /** As {@link #send(int, String, String)}, with more header lines ({@code Name: value}). */
    static Response send(int port, String method, String target, String... headerLines) {
        try (Socket socket = connect(port)) {
            String[] headers = Arrays.copyOf(headerLines, headerLines.length + 2);
            headers[headerLines.length] = "Content-Length: 0";
            headers[headerLines.length + 1] = "Connection: close";
            writeHead(socket, port, method, target, headers);
            return parse(socket.getInputStream().readAllBytes(), "HEAD".equals(method));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " failed", e);
        }
    }

    /**
     * Sends a request head announcing {@code declaredLength} body bytes, then only {@code sent} of them, then ends
     * its side of the connection: a client that went away mid-body. Reads what the server answers on the half-open
     * connection.
     */
    static Response sendTruncated(int port, String method, String target, long declaredLength, byte[] sent) {
        try (Socket socket = connect(port)) {
            writeHead(socket, port, method, target, "Content-Type: application/octet-stream",
                    "Content-Length: " + declaredLength, "Connection: close");
            socket.getOutputStream().write(sent);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return parse(socket.getInputStream().readAllBytes(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " failed", e);
        }
    }

    /**
     * Sends a request head with {@code Expect: 100-continue} and a declared body, then waits for the server's
     * answer before sending any of it, as curl and Docker clients do. Returns the first response head received:
     * either an interim 100 (the server asked for the body) or the final answer.
     */
    static Response sendExpectingContinue(int port, String method, String target, long declaredLength) {
        try (Socket socket = connect(port)) {
            writeHead(socket, port, method, target, "Content-Type: application/octet-stream",
                    "Content-Length: " + declaredLength, "Expect: 100-continue");
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (headerEnd(head.toByteArray()) < 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            byte[] raw = head.toByteArray();
            Response first = parse(raw, true);
            if (first.status() == 100) {
                return first;
            }
            String length = first.header("Content-Length");
            byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
            byte[] whole = Arrays.copyOf(raw, raw.length + body.length);
            System.arraycopy(body, 0, whole, raw.length, body.length);
            return parse(whole, false);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " failed", e);
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void writeHead(Socket socket, int port, String method, String target, String... headers)
            throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        // ISO-8859-1 maps each char to one byte: the target goes out exactly as written, nothing re-encoded.
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static Response parse(byte[] raw, boolean head) {
        int end = headerEnd(raw);
        if (end < 0) {
            throw new IllegalStateException("no complete response head: " + new String(raw, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), n -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] rest = Arrays.copyOfRange(raw, end + 4, raw.length);
        boolean chunked = headers.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase("Transfer-Encoding")
                && e.getValue().stream().anyMatch(v -> v.equalsIgnoreCase("chunked")));
        return new Response(status, headers, head ? new byte[0] : chunked ? dechunk(rest) : rest);
    }

    private static int headerEnd(byte[] raw) {
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(body);
        try {
            while (true) {
                String sizeLine = readLine(in);
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    return out.toByteArray();
                }
                out.write(in.readNBytes(size));
                readLine(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
