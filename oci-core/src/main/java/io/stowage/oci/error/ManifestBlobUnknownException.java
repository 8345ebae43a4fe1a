package io.stowage.oci.error;

/** A manifest refers to a blob or child manifest the repository does not hold. */
public final class ManifestBlobUnknownException extends RegistryException {
    public ManifestBlobUnknownException(String digest) {
        super(OciErrorCode.MANIFEST_BLOB_UNKNOWN, null, digest);
    }
}
