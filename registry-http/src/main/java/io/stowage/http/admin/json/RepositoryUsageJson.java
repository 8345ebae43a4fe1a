package io.stowage.http.admin.json;

/**
 * What a repository stores: its linked blobs (each once) and manifests. {@code logicalBytes} and {@code storedBytes}
 * are the same figure for one repository; {@code uniqueBytes} is what deleting it would free (the blobs no other
 * repository holds, and its manifests).
 */
public record RepositoryUsageJson(String repository, long blobs, long blobBytes, long manifests, long manifestBytes,
                                  long logicalBytes, long storedBytes, long uniqueBytes) {
}
