package io.stowage.http.handlers;

import io.stowage.http.Exchange;
import io.stowage.http.headers.ByteRange;
import io.stowage.http.routing.Route;
import io.stowage.metadata.BlobRecord;
import io.stowage.oci.Digest;
import io.stowage.oci.MediaTypes;
import io.stowage.oci.error.BlobUnknownException;
import io.stowage.oci.error.RangeNotSatisfiableException;
import io.stowage.service.BlobService;

import java.net.URI;
import java.nio.channels.ReadableByteChannel;
import java.util.Optional;

/** end-2 (GET/HEAD a blob, with single ranges) and end-10 (DELETE a blob). */
public final class BlobHandler {

    private final BlobService blobs;

    public BlobHandler(BlobService blobs) {
        this.blobs = blobs;
    }

    public void handle(Route.Blob route, Exchange exchange) throws Exception {
        switch (exchange.method()) {
            case "GET", "HEAD" -> get(route, exchange);
            case "DELETE" -> {
                blobs.delete(route.repository(), Digest.parse(route.digest()));
                exchange.send(202);
            }
            default -> throw Methods.notAllowed(exchange, "GET, HEAD, DELETE");
        }
    }

    private void get(Route.Blob route, Exchange exchange) throws Exception {
        Digest digest = Digest.parse(route.digest());
        BlobRecord blob = blobs.stat(route.repository(), digest);
        long size = blob.size();
        if (exchange.isHead()) {
            // RFC 9110, section 14.2: GET is the only method with range handling, so a HEAD ignores Range and
            // describes the whole blob (an unsatisfiable Range must not turn it into a 416).
            setBlobHeaders(exchange, digest);
            exchange.sendHeadersOnly(200, MediaTypes.OCTET_STREAM, size);
            return;
        }
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(exchange.header(Headers.RANGE), size);
        } catch (RangeNotSatisfiableException e) {
            exchange.setHeader(Headers.CONTENT_RANGE, ByteRange.unsatisfiedContentRange(size));
            throw e;
        }
        Optional<URI> direct = blobs.directDownload(blob);
        if (direct.isPresent()) {
            // The client repeats its Range header against the storage backend, which honours it.
            setBlobHeaders(exchange, digest);
            exchange.setHeader(Headers.LOCATION, direct.get().toString());
            exchange.send(307);
            return;
        }
        long offset = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        // A download of the whole blob (also as a Range of all of it) is verified on the way out when the registry
        // is set to: a mismatch cuts it off before its last bytes and marks the blob corrupt. A part of a blob can't
        // be checked against the digest without reading the rest, so ranges are served unverified.
        boolean whole = offset == 0 && length == size;
        try (ReadableByteChannel in = whole ? blobs.openWhole(blob) : blobs.open(blob, offset)) {
            setBlobHeaders(exchange, digest);
            if (range.isPresent()) {
                exchange.setHeader(Headers.CONTENT_RANGE, range.get().contentRangeHeader(size));
                exchange.stream(206, MediaTypes.OCTET_STREAM, in, length);
            } else {
                exchange.stream(200, MediaTypes.OCTET_STREAM, in, length);
            }
        } catch (BlobUnknownException e) {
            // Found corrupt before anything went out (a blob that fits one buffer): a plain BLOB_UNKNOWN, without
            // the headers that described the blob. Once the response is committed, the connection is aborted.
            if (!exchange.isCommitted()) {
                exchange.removeHeader(Headers.CONTENT_DIGEST).removeHeader(Headers.ETAG)
                        .removeHeader(Headers.ACCEPT_RANGES).removeHeader(Headers.CONTENT_RANGE);
            }
            throw e;
        }
    }

    private static void setBlobHeaders(Exchange exchange, Digest digest) {
        exchange.setHeader(Headers.CONTENT_DIGEST, digest.toString());
        exchange.setHeader(Headers.ACCEPT_RANGES, "bytes");
        exchange.setHeader(Headers.ETAG, "\"" + digest + "\"");
    }
}
