package io.stowage.oci.error;

/** A manifest larger than the registry accepts (413). */
public final class ManifestTooLargeException extends RegistryException {
    public ManifestTooLargeException(long limit) {
        super(OciErrorCode.SIZE_INVALID, "manifest exceeds the limit of " + limit + " bytes", Long.toString(limit));
    }
}
