package io.stowage.oci.error;

/** A blob that is not in this repository. */
public final class BlobUnknownException extends RegistryException {
    public BlobUnknownException(String digest) {
        super(OciErrorCode.BLOB_UNKNOWN, null, digest);
    }
}
