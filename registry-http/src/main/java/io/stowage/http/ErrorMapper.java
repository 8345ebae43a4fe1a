package io.stowage.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.http.auth.Challenge;
import io.stowage.oci.error.BlobUnknownException;
import io.stowage.oci.error.BlobUploadInvalidException;
import io.stowage.oci.error.BlobUploadUnknownException;
import io.stowage.oci.error.ConflictException;
import io.stowage.oci.error.DeniedException;
import io.stowage.oci.error.DigestInvalidException;
import io.stowage.oci.error.ManifestBlobUnknownException;
import io.stowage.oci.error.ManifestInvalidException;
import io.stowage.oci.error.ManifestTooLargeException;
import io.stowage.oci.error.ManifestUnknownException;
import io.stowage.oci.error.MethodNotAllowedException;
import io.stowage.oci.error.NameInvalidException;
import io.stowage.oci.error.NameUnknownException;
import io.stowage.oci.error.OciErrorCode;
import io.stowage.oci.error.ParameterInvalidException;
import io.stowage.oci.error.RangeNotSatisfiableException;
import io.stowage.oci.error.RegistryException;
import io.stowage.oci.error.RouteNotFoundException;
import io.stowage.oci.error.SizeInvalidException;
import io.stowage.oci.error.TooManyRequestsException;
import io.stowage.oci.error.UnauthorizedException;
import io.stowage.oci.error.UnsupportedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where failures become HTTP responses: the spec's JSON error body with the spec's code. A domain
 * failure gets its status from the exhaustive switch below; anything else is a bug or a backend fault, logged with
 * the request id and answered 500 without internals.
 */
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private ErrorMapper() {
    }

    public static int status(RegistryException e) {
        return switch (e) {
            case BlobUnknownException x -> 404;
            case BlobUploadInvalidException x -> 400;
            case BlobUploadUnknownException x -> 404;
            case DigestInvalidException x -> 400;
            case ManifestBlobUnknownException x -> 400;
            case ManifestInvalidException x -> 400;
            case ManifestUnknownException x -> 404;
            case NameInvalidException x -> 400;
            case NameUnknownException x -> 404;
            case SizeInvalidException x -> 400;
            case ManifestTooLargeException x -> 413;
            case RangeNotSatisfiableException x -> 416;
            case UnsupportedException x -> 405;
            case RouteNotFoundException x -> 404;
            case MethodNotAllowedException x -> 405;
            case UnauthorizedException x -> 401;
            case DeniedException x -> 403;
            case TooManyRequestsException x -> 429;
            case ParameterInvalidException x -> 400;
            case ConflictException x -> 409;
        };
    }

    /** Writes the error response for {@code failure}, which must be sent before anything was committed. */
    static void write(Exchange exchange, Throwable failure, Challenge challenge) throws IOException {
        if (failure instanceof UnauthorizedException e) {
            exchange.setHeader("WWW-Authenticate", challenge.header(exchange, e));
        }
        if (failure instanceof TooManyRequestsException e && e.retryAfterSeconds() > 0) {
            exchange.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        if (failure instanceof RegistryException e) {
            exchange.send(status(e), CONTENT_TYPE, body(e.code().name(), e.getMessage(), e.detail()));
            return;
        }
        if (failure instanceof RequestBodyException e) {
            LOG.info("request {} {} {}: {}", exchange.requestId(), exchange.method(), exchange.path(), e.getMessage());
            exchange.send(400, CONTENT_TYPE, body(OciErrorCode.BLOB_UPLOAD_INVALID.name(), e.getMessage(), null));
            return;
        }
        LOG.error("request {} {} {} failed", exchange.requestId(), exchange.method(), exchange.path(), failure);
        exchange.send(500, CONTENT_TYPE, body("UNKNOWN", "internal error; request id " + exchange.requestId(), null));
    }

    /** The spec's error body: {@code {"errors":[{"code","message","detail"}]}}. */
    public static byte[] body(String code, String message, String detail) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (detail != null) {
            error.put("detail", detail);
        }
        try {
            return JSON.writeValueAsBytes(Map.of("errors", List.of(error)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
