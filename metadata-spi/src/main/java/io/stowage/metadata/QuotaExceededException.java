package io.stowage.metadata;

import java.util.Objects;

/**
 * A link was refused, writing nothing, because the blob would have taken a namespace covering the repository past
 * its quota (see {@link BlobIndex#linkClaimed} and {@link BlobIndex#mount}). Not a backend failure: the caller turns
 * it into its own refusal. {@code usedBytes} is what the namespace stored before the link ({@link
 * NamespaceUsage#storedBytes()}), {@code blobSize} what the link would have added.
 */
public final class QuotaExceededException extends RuntimeException {

    private final String namespace;
    private final long usedBytes;
    private final long quotaBytes;
    private final long blobSize;

    public QuotaExceededException(String namespace, long usedBytes, long quotaBytes, long blobSize) {
        super("quota of namespace " + Objects.requireNonNull(namespace, "namespace") + " exceeded: used "
                + usedBytes + " of " + quotaBytes + " bytes, and the blob has " + blobSize, null, false, false);
        this.namespace = namespace;
        this.usedBytes = usedBytes;
        this.quotaBytes = quotaBytes;
        this.blobSize = blobSize;
    }

    public String namespace() {
        return namespace;
    }

    public long usedBytes() {
        return usedBytes;
    }

    public long quotaBytes() {
        return quotaBytes;
    }

    public long blobSize() {
        return blobSize;
    }
}
