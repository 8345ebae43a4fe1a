package io.stowage.metadata;

import io.stowage.oci.RepositoryName;

/**
 * Storage use, computed from the index (links, blob sizes, manifests) when asked, never by walking storage. Links
 * count until garbage collection prunes them, so deleting a manifest lowers the figures only once its layers' links
 * are collected (or deleted). Each answer is one consistent reading.
 */
public interface UsageIndex {

    /** The repository's use; all zero when it does not exist. */
    RepositoryUsage repository(RepositoryName repository);

    /**
     * The use of every repository {@code namespace} covers, whether or not a namespace of that name was created
     * ({@code namespace} is a valid repository name); all zero when it covers none.
     */
    NamespaceUsage namespace(String namespace);
}
