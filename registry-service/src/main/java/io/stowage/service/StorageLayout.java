package io.stowage.service;

import io.stowage.oci.Digest;

/**
 * Where things live in the object store. One content-addressed area shared by every repository, so identical
 * blobs are stored once; repository membership is a metadata row, never a path.
 *
 * <pre>
 * blobs/&lt;algorithm&gt;/&lt;first two hex&gt;/&lt;hex&gt;   a complete, verified blob
 * uploads/&lt;upload id&gt;                          bytes received so far by an upload session
 * </pre>
 */
public final class StorageLayout {

    public static final String BLOBS = "blobs/";
    public static final String UPLOADS = "uploads/";

    private StorageLayout() {
    }

    public static String blobKey(Digest digest) {
        String hex = digest.encoded();
        return BLOBS + digest.algorithm().id() + "/" + hex.substring(0, 2) + "/" + hex;
    }

    /** Upload ids are validated {@link UploadId}s, so the key cannot leave the uploads area. */
    public static String uploadKey(UploadId id) {
        return UPLOADS + id.value();
    }
}
