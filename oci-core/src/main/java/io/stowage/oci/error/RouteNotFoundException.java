package io.stowage.oci.error;

/** A path that matches no endpoint of the API (404). */
public final class RouteNotFoundException extends RegistryException {
    public RouteNotFoundException(String path) {
        super(OciErrorCode.UNSUPPORTED, "no such endpoint", path);
    }
}
