package io.stowage.http;

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
        if (!response.getHeaders().contains(RegistryHandler.REQUEST_ID_HEADER)) {
            response.getHeaders().put(RegistryHandler.REQUEST_ID_HEADER, RegistryHandler.newRequestId());
        }
        response.getHeaders().put(RegistryHandler.API_VERSION_HEADER, "registry/2.0");
        response.getHeaders().put("Content-Type", ErrorMapper.CONTENT_TYPE);
        response.getHeaders().put("Content-Length", Integer.toString(body.length));
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
