package io.stowage.http.admin;

import io.stowage.service.access.admin.Administration;

import java.util.Objects;

/**
 * One operation of the administration API: method, path pattern, the OpenAPI {@code operationId}, whether it is open
 * to anonymous callers (only the API description is), and what it does.
 */
record Endpoint(String method, PathPattern path, String operationId, boolean open, Operation operation) {

    /** Does the work of an endpoint; the service checks the caller. */
    @FunctionalInterface
    interface Operation {
        void handle(Administration administration, AdminCall call) throws Exception;
    }

    Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(operation, "operation");
    }

    static Endpoint of(String method, String path, String operationId, Operation operation) {
        return new Endpoint(method, PathPattern.parse(path), operationId, false, operation);
    }

    static Endpoint open(String method, String path, String operationId, Operation operation) {
        return new Endpoint(method, PathPattern.parse(path), operationId, true, operation);
    }
}
