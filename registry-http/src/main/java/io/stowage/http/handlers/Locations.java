package io.stowage.http.handlers;

import io.stowage.oci.Digest;
import io.stowage.oci.RepositoryName;
import io.stowage.service.UploadId;

/** Relative URLs the API hands out in Location headers. Names and digests are validated, so need no escaping. */
final class Locations {

    static String blob(RepositoryName repository, Digest digest) {
        return "/v2/" + repository + "/blobs/" + digest;
    }

    static String upload(RepositoryName repository, UploadId id) {
        return "/v2/" + repository + "/blobs/uploads/" + id;
    }

    static String manifest(RepositoryName repository, Digest digest) {
        return "/v2/" + repository + "/manifests/" + digest;
    }

    private Locations() {
    }
}
