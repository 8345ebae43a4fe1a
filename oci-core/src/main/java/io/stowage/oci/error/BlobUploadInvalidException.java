package io.stowage.oci.error;

/** An upload request that cannot be applied (bad chunk, bad range header, missing digest). */
public final class BlobUploadInvalidException extends RegistryException {
    public BlobUploadInvalidException(String message) {
        super(OciErrorCode.BLOB_UPLOAD_INVALID, message, null);
    }
}
