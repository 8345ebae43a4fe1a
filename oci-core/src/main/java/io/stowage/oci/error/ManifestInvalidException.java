package io.stowage.oci.error;

/** A manifest that is not well-formed JSON, has the wrong media type, or breaks the image spec's rules. */
public final class ManifestInvalidException extends RegistryException {
    public ManifestInvalidException(String message) {
        super(OciErrorCode.MANIFEST_INVALID, message, null);
    }
}
