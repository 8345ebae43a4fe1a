package io.stowage.http.handlers;

import io.stowage.http.Exchange;
import io.stowage.http.headers.AcceptHeader;
import io.stowage.http.routing.Route;
import io.stowage.metadata.ManifestRecord;
import io.stowage.oci.Reference;
import io.stowage.oci.Tag;
import io.stowage.oci.error.ManifestTooLargeException;
import io.stowage.oci.error.ManifestUnknownException;
import io.stowage.service.ManifestService;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** end-3 (GET/HEAD a manifest), end-7 (PUT) and end-9 (DELETE), by tag or by digest. */
public final class ManifestHandler {

    /** The spec asks registries to accept manifests of at least 4 MiB; larger ones are refused with 413. */
    public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private final ManifestService manifests;

    public ManifestHandler(ManifestService manifests) {
        this.manifests = manifests;
    }

    public void handle(Route.Manifest route, Exchange exchange) throws Exception {
        Reference reference = Reference.parse(route.reference());
        switch (exchange.method()) {
            case "GET", "HEAD" -> get(route, reference, exchange);
            case "PUT" -> put(route, reference, exchange);
            case "DELETE" -> {
                manifests.delete(route.repository(), reference);
                exchange.send(202);
            }
            default -> throw Methods.notAllowed(exchange, "GET, HEAD, PUT, DELETE");
        }
    }

    private void get(Route.Manifest route, Reference reference, Exchange exchange) throws Exception {
        // A HEAD only asks whether the manifest is there (clients check before pushing, or poll): only a GET, which
        // takes the manifest to use it, counts as a pull for the tag's and manifest's last-pull times.
        ManifestRecord manifest = manifests.get(route.repository(), reference, !exchange.isHead());
        AcceptHeader accept = AcceptHeader.parse(exchange.joinedHeader(Headers.ACCEPT));
        if (!accept.accepts(manifest.mediaType())) {
            throw new ManifestUnknownException(reference + " exists only as " + manifest.mediaType()
                    + ", which the Accept header excludes");
        }
        exchange.setHeader(Headers.CONTENT_DIGEST, manifest.digest().toString());
        exchange.setHeader(Headers.ETAG, "\"" + manifest.digest() + "\"");
        exchange.send(200, manifest.mediaType(), manifest.content());
    }

    private void put(Route.Manifest route, Reference reference, Exchange exchange) throws Exception {
        String contentType = AcceptHeader.mediaTypeOf(exchange.header(Headers.CONTENT_TYPE));
        List<Tag> extraTags = new ArrayList<>();
        for (String tag : exchange.query().all("tag")) {
            extraTags.add(Tag.parse(tag));
        }
        byte[] content = readLimited(exchange);
        ManifestService.PushedManifest pushed =
                manifests.put(route.repository(), reference, contentType, content, extraTags);
        exchange.setHeader(Headers.LOCATION, Locations.manifest(route.repository(), pushed.digest()));
        exchange.setHeader(Headers.CONTENT_DIGEST, pushed.digest().toString());
        pushed.subject().ifPresent(subject -> exchange.setHeader(Headers.OCI_SUBJECT, subject.toString()));
        exchange.send(201);
    }

    /** Reads the body, refusing (413) anything over the limit without buffering more than the limit. */
    private static byte[] readLimited(Exchange exchange) throws IOException {
        OptionalLong declared = exchange.contentLength();
        if (declared.isPresent() && declared.getAsLong() > MAX_MANIFEST_BYTES) {
            throw new ManifestTooLargeException(MAX_MANIFEST_BYTES);
        }
        try (InputStream in = exchange.body()) {
            byte[] content = in.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (content.length > MAX_MANIFEST_BYTES) {
                throw new ManifestTooLargeException(MAX_MANIFEST_BYTES);
            }
            return content;
        }
    }
}
