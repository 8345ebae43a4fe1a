package io.stowage.http;

import io.stowage.http.metrics.Metrics;
import io.stowage.oci.error.OciErrorCode;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Errors Jetty raises before a request reaches {@link RegistryHandler} (malformed URI, oversized headers, bad
 * HTTP): answered with the spec's JSON error body too, never an HTML page or a stack trace.
 */
final class JettyErrorHandler extends ErrorHandler {

    private final Metrics metrics;
    private final AccessLog accessLog;

    JettyErrorHandler(Metrics metrics, AccessLog accessLog) {
        this.metrics = metrics;
        this.accessLog = accessLog;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 400;
        OciErrorCode code = switch (status) {
            case 413, 431 -> OciErrorCode.SIZE_INVALID;
            case 401 -> OciErrorCode.UNAUTHORIZED;
            case 403 -> OciErrorCode.DENIED;
            case 429 -> OciErrorCode.TOOMANYREQUESTS;
            default -> OciErrorCode.UNSUPPORTED;
        };
        String message = status >= 500 ? "internal error" : "malformed request (HTTP " + status + ")";
        byte[] body = ErrorMapper.body(code.name(), message, null);
        // These requests never reached RegistryHandler, yet every response carries a request id and the API version.
        String requestId = response.getHeaders().get(RegistryHandler.REQUEST_ID_HEADER);
        boolean reachedRegistry = requestId != null;
        if (!reachedRegistry) {
            requestId = RegistryHandler.newRequestId();
            response.getHeaders().put(RegistryHandler.REQUEST_ID_HEADER, requestId);
        }
        response.getHeaders().put(RegistryHandler.API_VERSION_HEADER, "registry/2.0");
        response.getHeaders().put("Content-Type", ErrorMapper.CONTENT_TYPE);
        response.getHeaders().put("Content-Length", Integer.toString(body.length));
        response.write(true, ByteBuffer.wrap(body), callback);
        if (!reachedRegistry) {
            // RegistryHandler logs and counts what it serves; these requests it never saw.
            long duration = System.nanoTime() - request.getBeginNanoTime();
            metrics.recordRequest(request.getMethod(), "invalid", status, duration);
            accessLog.log(new AccessLog.Entry(request.getMethod(), request.getHttpURI().getPath(), status,
                    Request.getContentBytesRead(request), body.length, duration, Request.getRemoteAddr(request),
                    requestId, request.getHeaders().get("User-Agent"), null));
        }
        return true;
    }
}
