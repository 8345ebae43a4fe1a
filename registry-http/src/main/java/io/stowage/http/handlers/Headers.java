package io.stowage.http.handlers;

/** Header names used by the distribution API, in one place. */
final class Headers {
    static final String CONTENT_DIGEST = "Docker-Content-Digest";
    static final String UPLOAD_UUID = "Docker-Upload-UUID";
    static final String LOCATION = "Location";
    static final String RANGE = "Range";
    static final String CONTENT_RANGE = "Content-Range";
    static final String CONTENT_TYPE = "Content-Type";
    static final String ACCEPT = "Accept";
    static final String ACCEPT_RANGES = "Accept-Ranges";
    static final String LINK = "Link";
    static final String OCI_SUBJECT = "OCI-Subject";
    static final String OCI_FILTERS_APPLIED = "OCI-Filters-Applied";
    static final String ETAG = "ETag";
    static final String OCI_CHUNK_MIN_LENGTH = "OCI-Chunk-Min-Length";

    private Headers() {
    }
}
