package io.stowage.http.routing;

import io.stowage.oci.RepositoryName;

/**
 * An endpoint of the distribution API, matched from a request path. Repository names contain slashes, so a path
 * is matched from its end: the last known marker ({@code /manifests/}, {@code /blobs/}, ...) splits name from
 * reference. References stay raw strings here; handlers parse them so each error gets its spec code.
 */
public sealed interface Route {

    /** A low-cardinality name for metrics and logs. */
    String name();

    record Base() implements Route {
        public String name() { return "base"; }
    }

    record Catalog() implements Route {
        public String name() { return "catalog"; }
    }

    record TagList(RepositoryName repository) implements Route {
        public String name() { return "tags"; }
    }

    record Manifest(RepositoryName repository, String reference) implements Route {
        public String name() { return "manifest"; }
    }

    record Blob(RepositoryName repository, String digest) implements Route {
        public String name() { return "blob"; }
    }

    record UploadStart(RepositoryName repository) implements Route {
        public String name() { return "upload-start"; }
    }

    record Upload(RepositoryName repository, String uploadId) implements Route {
        public String name() { return "upload"; }
    }

    record Referrers(RepositoryName repository, String digest) implements Route {
        public String name() { return "referrers"; }
    }

    record Health() implements Route {
        public String name() { return "healthz"; }
    }

    record Ready() implements Route {
        public String name() { return "readyz"; }
    }

    record MetricsRoute() implements Route {
        public String name() { return "metrics"; }
    }

    /** The token endpoint of the Docker token flow. */
    record Token() implements Route {
        public String name() { return "token"; }
    }

    /** The public halves of the token-signing keys. */
    record Jwks() implements Route {
        public String name() { return "jwks"; }
    }

    /** The administration API; {@code path} is what follows {@code /api/v1}, e.g. {@code /users/alice}. */
    record Admin(String path) implements Route {
        public String name() { return "admin"; }
    }
}
