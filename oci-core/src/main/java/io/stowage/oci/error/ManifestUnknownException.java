package io.stowage.oci.error;

/** No manifest with that tag or digest in the repository. */
public final class ManifestUnknownException extends RegistryException {
    public ManifestUnknownException(String reference) {
        super(OciErrorCode.MANIFEST_UNKNOWN, null, reference);
    }
}
