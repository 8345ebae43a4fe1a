package io.stowage.oci.error;

/** An upload session that does not exist in this repository, or no longer does. */
public final class BlobUploadUnknownException extends RegistryException {
    public BlobUploadUnknownException(String uploadId) {
        super(OciErrorCode.BLOB_UPLOAD_UNKNOWN, null, uploadId);
    }
}
