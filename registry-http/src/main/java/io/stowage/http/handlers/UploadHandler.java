package io.stowage.http.handlers;

import io.stowage.http.Exchange;
import io.stowage.http.headers.ChunkRange;
import io.stowage.http.headers.UploadRange;
import io.stowage.http.routing.Route;
import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.oci.error.BlobUploadInvalidException;
import io.stowage.oci.error.DigestInvalidException;
import io.stowage.security.scope.Action;
import io.stowage.service.BlobService;
import io.stowage.service.access.AccessControl;
import io.stowage.service.Chunk;
import io.stowage.service.UploadId;
import io.stowage.service.UploadService;
import io.stowage.service.UploadStatus;

import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * end-4a/4b (POST: start a session, or a single-request monolithic upload), end-11 (POST with mount), end-5 (PATCH
 * a chunk), end-6 (PUT: close a session), end-13 (GET: session status) and DELETE (cancel a session).
 */
public final class UploadHandler {

    private final UploadService uploads;
    private final BlobService blobs;
    private final AccessControl access;

    public UploadHandler(UploadService uploads, BlobService blobs, AccessControl access) {
        this.uploads = uploads;
        this.blobs = blobs;
        this.access = access;
    }

    public void start(Route.UploadStart route, Exchange exchange) throws Exception {
        if (!"POST".equals(exchange.method())) {
            throw Methods.notAllowed(exchange, "POST");
        }
        RepositoryName repository = route.repository();
        Optional<String> mount = exchange.query().first("mount");
        if (mount.isPresent()) {
            Digest digest = Digest.parse(mount.get());
            Optional<RepositoryName> from = exchange.query().first("from").map(RepositoryName::parse);
            // A source the caller may not pull from is no source: the mount quietly becomes an upload (202).
            Predicate<RepositoryName> mayPull = source -> access.allowed(exchange.caller(), source)
                    .contains(Action.PULL);
            if (blobs.mount(repository, digest, from, mayPull)) {
                exchange.markMounted();
                created(exchange, repository, digest);
                return;
            }
        }
        Optional<String> digestParam = exchange.query().first("digest");
        if (digestParam.isPresent()) {
            Digest digest = Digest.parse(digestParam.get());
            try (InputStream body = exchange.body()) {
                uploads.uploadMonolithic(repository, digest, body, exchange.contentLength());
            }
            created(exchange, repository, digest);
            return;
        }
        UploadStatus status = uploads.start(repository);
        long minimumChunk = uploads.minimumChunkLength();
        if (minimumChunk > 0) {
            exchange.setHeader(Headers.OCI_CHUNK_MIN_LENGTH, Long.toString(minimumChunk));
        }
        accepted(exchange, status, 202);
    }

    public void session(Route.Upload route, Exchange exchange) throws Exception {
        UploadId id = UploadId.parse(route.uploadId());
        RepositoryName repository = route.repository();
        switch (exchange.method()) {
            case "GET" -> accepted(exchange, uploads.status(repository, id), 204);
            case "PATCH" -> {
                try (InputStream body = exchange.body()) {
                    accepted(exchange, uploads.append(repository, id, chunk(exchange, body)), 202);
                }
            }
            case "PUT" -> {
                Digest digest = Digest.parse(exchange.query().first("digest")
                        .orElseThrow(() -> new DigestInvalidException("digest query parameter is required")));
                if (exchange.hasBody()) {
                    try (InputStream body = exchange.body()) {
                        uploads.complete(repository, id, digest, Optional.of(chunk(exchange, body)));
                    }
                } else {
                    uploads.complete(repository, id, digest, Optional.empty());
                }
                created(exchange, repository, digest);
            }
            case "DELETE" -> {
                uploads.cancel(repository, id);
                exchange.send(204);
            }
            default -> throw Methods.notAllowed(exchange, "GET, PATCH, PUT, DELETE");
        }
    }

    /**
     * The request's body with what its headers declare: the start from Content-Range, and the length from
     * Content-Range or Content-Length, which must agree when both are given.
     */
    private static Chunk chunk(Exchange exchange, InputStream body) {
        String header = exchange.header(Headers.CONTENT_RANGE);
        OptionalLong length = exchange.contentLength();
        if (header == null) {
            return new Chunk(body, OptionalLong.empty(), length);
        }
        ChunkRange range = ChunkRange.parse(header);
        if (length.isPresent() && range.length() != length.getAsLong()) {
            throw new BlobUploadInvalidException("Content-Range and Content-Length disagree");
        }
        return new Chunk(body, OptionalLong.of(range.start()), OptionalLong.of(range.length()));
    }

    private static void accepted(Exchange exchange, UploadStatus status, int code) throws Exception {
        exchange.setHeader(Headers.LOCATION, Locations.upload(status.repository(), status.id()));
        exchange.setHeader(Headers.RANGE, UploadRange.of(status.received()));
        exchange.setHeader(Headers.UPLOAD_UUID, status.id().value());
        exchange.send(code);
    }

    private static void created(Exchange exchange, RepositoryName repository, Digest digest) throws Exception {
        exchange.setHeader(Headers.LOCATION, Locations.blob(repository, digest));
        exchange.setHeader(Headers.CONTENT_DIGEST, digest.toString());
        exchange.send(201);
    }
}
