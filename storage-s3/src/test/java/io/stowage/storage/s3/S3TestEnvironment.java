package io.stowage.storage.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The real S3 that integration tests run against, as the environment describes it: {@code S3_ENDPOINT},
 * {@code S3_ACCESS_KEY}, {@code S3_SECRET_KEY} and {@code S3_REGION}, which {@code shared/s3/ceph-rgw-up.sh}
 * prints for a local Ceph. Without them the tests fail rather than skip, so that a green build means they ran.
 * Shipped in this module's test-jar for other modules' tests.
 */
public final class S3TestEnvironment {

    private static final SecureRandom RANDOM = new SecureRandom();

    private S3TestEnvironment() {
    }

    /** Settings for {@code bucket} under {@code keyPrefix}, without presigned downloads. */
    public static S3Settings settings(String bucket, String keyPrefix) {
        return settings(bucket, keyPrefix, false);
    }

    public static S3Settings settings(String bucket, String keyPrefix, boolean presignedDownloads) {
        return new S3Settings(URI.create(required("S3_ENDPOINT")), required("S3_REGION"), bucket,
                required("S3_ACCESS_KEY"), required("S3_SECRET_KEY"), keyPrefix, presignedDownloads);
    }

    /**
     * A fresh key prefix, so that runs sharing a bucket do not see each other's objects. It is as long as a prefix
     * may be, so that tests also cover the longest S3 names the store writes.
     */
    public static String randomKeyPrefix() {
        int hexDigits = S3Settings.MAX_KEY_PREFIX_LENGTH - 2;
        byte[] bytes = new byte[(hexDigits + 1) / 2];
        RANDOM.nextBytes(bytes);
        return "t" + HexFormat.of().formatHex(bytes).substring(0, hexDigits) + "/";
    }

    /** A plain SDK client on the same S3, to look behind a store's back. The caller closes it. */
    public static S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create(required("S3_ENDPOINT")))
                .region(Region.of(required("S3_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(required("S3_ACCESS_KEY"), required("S3_SECRET_KEY"))))
                .forcePathStyle(true)
                // Ceph Pacific refuses the SDK's default checksum trailers, and empty aws-chunked uploads
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .build();
    }

    /** The names of every S3 object under {@code prefix}, in order. */
    public static List<String> names(S3Client s3, String bucket, String prefix) {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    /** The multipart uploads under {@code prefix} that were neither completed nor aborted. */
    public static List<MultipartUpload> pendingUploads(S3Client s3, String bucket, String prefix) {
        return s3.listMultipartUploads(r -> r.bucket(bucket).prefix(prefix)).uploads();
    }

    /** Removes every object and pending multipart upload under {@code prefix}. */
    public static void deleteEverything(S3Client s3, String bucket, String prefix) {
        for (MultipartUpload upload : pendingUploads(s3, bucket, prefix)) {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
        }
        deleteObjects(s3, bucket, prefix);
    }

    /** Removes every object under {@code prefix}. */
    public static void deleteObjects(S3Client s3, String bucket, String prefix) {
        List<ObjectIdentifier> all = names(s3, bucket, prefix).stream()
                .map(name -> ObjectIdentifier.builder().key(name).build()).toList();
        if (all.size() <= 10) {
            // plain DELETEs are quicker than a DeleteObjects round trip on Ceph
            all.forEach(id -> s3.deleteObject(r -> r.bucket(bucket).key(id.key())));
            return;
        }
        for (int from = 0; from < all.size(); from += 1000) {
            List<ObjectIdentifier> batch = all.subList(from, Math.min(all.size(), from + 1000));
            s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
        }
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set. The S3 tests need a real S3: run them through"
                    + " .ci/run, or start the local Ceph and export its settings with"
                    + " eval \"$(../shared/s3/ceph-rgw-up.sh)\" (from the repository root), then run Maven in that"
                    + " shell.");
        }
        return value;
    }
}
