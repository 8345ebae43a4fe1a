package io.stowage.storage.s3;

import io.stowage.storage.ObjectKeys;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where an {@link S3ObjectStore} keeps its objects and how it signs in.
 *
 * @param endpoint           the S3 service, absolute {@code http} or {@code https} URI without user info, query or
 *                           fragment; buckets are addressed path-style below it
 * @param region             the signing region, e.g. {@code us-east-1}
 * @param bucket             a valid S3 bucket name; the store creates the bucket when missing
 * @param accessKey          the access key id
 * @param secretKey          the secret access key; never printed
 * @param keyPrefix          prepended to every S3 name, so that several stores can share a bucket: empty, or valid
 *                           key segments each followed by '/', at most {@value #MAX_KEY_PREFIX_LENGTH} characters
 *                           (S3 names are at most 1024 bytes; keys take up to 1000 and the store's bookkeeping the
 *                           rest)
 * @param presignedDownloads whether {@link S3ObjectStore#presignedDownload} hands out presigned URLs
 */
public record S3Settings(URI endpoint, String region, String bucket, String accessKey, String secretKey,
                         String keyPrefix, boolean presignedDownloads) {

    /** The longest {@link #keyPrefix}. */
    public static final int MAX_KEY_PREFIX_LENGTH = S3Layout.MAX_KEY_PREFIX_LENGTH;

    /** S3's rules for bucket names that work everywhere, path-style included. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public S3Settings {
        requireEndpoint(endpoint);
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("S3 region missing");
        }
        requireBucket(bucket);
        if (accessKey == null || accessKey.isBlank()) {
            throw new IllegalArgumentException("S3 access key missing");
        }
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("S3 secret key missing");
        }
        requireKeyPrefix(keyPrefix);
    }

    private static void requireEndpoint(URI endpoint) {
        if (endpoint == null) {
            throw new IllegalArgumentException("S3 endpoint missing");
        }
        String scheme = endpoint.getScheme();
        if (!endpoint.isAbsolute() || endpoint.isOpaque() || endpoint.getHost() == null
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("S3 endpoint must be an absolute http or https URI: " + endpoint);
        }
        // User info would be credentials in the one setting that does get printed.
        if (endpoint.getRawUserInfo() != null || endpoint.getRawQuery() != null
                || endpoint.getRawFragment() != null) {
            throw new IllegalArgumentException("S3 endpoint must have no user info, query or fragment");
        }
    }

    private static void requireBucket(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")
                || IP_ADDRESS.matcher(bucket).matches() || bucket.startsWith("xn--")
                || bucket.startsWith("sthree-") || bucket.endsWith("-s3alias") || bucket.endsWith("--ol-s3")) {
            throw new IllegalArgumentException("invalid S3 bucket name: " + bucket);
        }
    }

    private static void requireKeyPrefix(String keyPrefix) {
        if (keyPrefix == null) {
            throw new IllegalArgumentException("S3 key prefix missing (use \"\" for none)");
        }
        if (keyPrefix.isEmpty()) {
            return;
        }
        if (!keyPrefix.endsWith("/") || !ObjectKeys.isValidKey(keyPrefix.substring(0, keyPrefix.length() - 1))) {
            throw new IllegalArgumentException("S3 key prefix must be key segments each followed by '/': "
                    + keyPrefix);
        }
        if (keyPrefix.length() > MAX_KEY_PREFIX_LENGTH) {
            throw new IllegalArgumentException("S3 key prefix longer than " + MAX_KEY_PREFIX_LENGTH
                    + " characters: " + keyPrefix);
        }
    }

    /** The settings without the secret key, which must not reach logs. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKey="
                + accessKey + ", secretKey=(hidden), keyPrefix=" + keyPrefix + ", presignedDownloads="
                + presignedDownloads + "]";
    }
}
