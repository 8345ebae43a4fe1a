package io.stowage.storage.s3;

import io.stowage.storage.StorageException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The S3 requests of one bucket, with every SDK failure turned into a {@link StorageException} that names the
 * request and the S3 name (never the credentials). Thread-safe, like the SDK client it wraps.
 */
final class BucketClient implements AutoCloseable {

    /** S3's most keys in one DeleteObjects request. */
    private static final int MAX_DELETE_BATCH = 1000;
    /**
     * Up to this many objects are deleted one by one: a DeleteObjects request carries an XML body both ways and a
     * checksum, and is slower than a few plain DELETEs on a connection that is open anyway.
     */
    private static final int FEW = 3;
    private static final String OCTETS = "application/octet-stream";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    private BucketClient(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /** A client for the settings' bucket, with a presigner only when presigned downloads are on. */
    static BucketClient connect(S3Settings settings) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        Region region = Region.of(settings.region());
        S3Client s3 = S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(region)
                .credentialsProvider(credentials)
                // buckets as host names do not resolve on plain IP endpoints such as a local Ceph
                .forcePathStyle(true)
                // The default checksum trailers on uploads are refused by Ceph (Pacific RGW: HTTP 400); send
                // checksums only where S3 requires them (DeleteObjects).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // Over plain http the SDK signs uploads as aws-chunked streams, and Ceph (Pacific RGW) rejects the
                // zero-length one with XAmzContentSHA256Mismatch. Signing the payload's hash instead reads each
                // upload twice, which costs little: bodies come from a buffer in memory (see PendingUpload).
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .build();
        S3Presigner presigner = null;
        if (settings.presignedDownloads()) {
            presigner = S3Presigner.builder()
                    .endpointOverride(settings.endpoint())
                    .region(region)
                    .credentialsProvider(credentials)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                    .build();
        }
        return new BucketClient(s3, presigner, settings.bucket());
    }

    String bucket() {
        return bucket;
    }

    S3Client s3() {
        return s3;
    }

    /** Creates the bucket unless it exists; a bucket created meanwhile by someone else is fine. */
    void createBucketIfMissing(String region) {
        try {
            s3.headBucket(r -> r.bucket(bucket));
            return;
        } catch (SdkException e) {
            if (statusOf(e) != 404) {
                throw failure("HeadBucket", "", e);
            }
        }
        try {
            // us-east-1 is S3's default and must not be named; Ceph accepts no other unless it has that zonegroup.
            if ("us-east-1".equals(region)) {
                s3.createBucket(r -> r.bucket(bucket));
            } else {
                s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(region)));
            }
        } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException e) {
            // Another store opened at the same time; whether this one may use it shows below.
        } catch (SdkException e) {
            throw failure("CreateBucket", "", e);
        }
        call("HeadBucket", "", () -> s3.headBucket(r -> r.bucket(bucket)));
    }

    /** The metadata of an S3 object, or empty when there is none. */
    Optional<HeadObjectResponse> head(String name) {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket).key(name)));
        } catch (SdkException e) {
            if (statusOf(e) == 404) {
                return Optional.empty();
            }
            throw failure("HeadObject", name, e);
        }
    }

    /**
     * The bytes of an S3 object from {@code from} on, or empty when there is no such object. A start at or past the
     * end gives an empty stream. The stream is the caller's to close.
     */
    Optional<InputStream> read(String name, long from) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(name);
        if (from > 0) {
            request.range("bytes=" + from + "-");
        }
        try {
            return Optional.of(new DownloadStream(s3.getObject(request.build())));
        } catch (SdkException e) {
            return switch (statusOf(e)) {
                case 404 -> Optional.empty();
                case 416 -> Optional.of(InputStream.nullInputStream());
                default -> throw failure("GetObject", name, e);
            };
        }
    }

    /** Writes the first {@code length} bytes of {@code buffer} as an S3 object, replacing any. */
    void put(String name, byte[] buffer, int length) {
        call("PutObject", name, () -> s3.putObject(r -> r.bucket(bucket).key(name), body(buffer, length)));
    }

    /** The first {@code length} bytes of {@code buffer}, without the copy {@code RequestBody.fromBytes} makes. */
    static RequestBody body(byte[] buffer, int length) {
        ContentStreamProvider fresh = () -> new ByteArrayInputStream(buffer, 0, length);
        return RequestBody.fromContentProvider(fresh, length, OCTETS);
    }

    /** Copies an S3 object of at most 5 GiB inside the bucket, atomically replacing the target. */
    void copy(String source, String target) {
        call("CopyObject", source + " to " + target, () -> s3.copyObject(r -> r
                .sourceBucket(bucket).sourceKey(source).destinationBucket(bucket).destinationKey(target)));
    }

    /** One page of S3 names in order: after {@code startAfter} (null: from the start) or at a continuation. */
    ListObjectsV2Response list(String prefix, String startAfter, String continuation, int maxKeys) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                .maxKeys(maxKeys);
        if (continuation != null) {
            request.continuationToken(continuation);
        } else if (startAfter != null && !startAfter.isEmpty()) {
            request.startAfter(startAfter);
        }
        return call("ListObjectsV2", prefix, () -> s3.listObjectsV2(request.build()));
    }

    /** Every S3 object whose name starts with {@code prefix}, in order. */
    List<S3Object> listAll(String prefix) {
        List<S3Object> all = new ArrayList<>();
        String continuation = null;
        do {
            ListObjectsV2Response page = list(prefix, null, continuation, 1000);
            all.addAll(page.contents());
            continuation = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (continuation != null);
        return all;
    }

    void delete(String name) {
        call("DeleteObject", name, () -> s3.deleteObject(r -> r.bucket(bucket).key(name)));
    }

    /** Deletes S3 objects, in batches when there are more than a few; missing ones are no failure. */
    void deleteAll(List<String> names) {
        if (names.size() <= FEW) {
            names.forEach(this::delete);
            return;
        }
        for (int from = 0; from < names.size(); from += MAX_DELETE_BATCH) {
            List<ObjectIdentifier> batch = names.subList(from, Math.min(names.size(), from + MAX_DELETE_BATCH))
                    .stream().map(name -> ObjectIdentifier.builder().key(name).build()).toList();
            String first = batch.getFirst().key();
            DeleteObjectsResponse response = call("DeleteObjects", first,
                    () -> s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch).quiet(true))));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                var error = response.errors().getFirst();
                throw new StorageException("S3 DeleteObjects in " + bucket + " failed for " + error.key() + ": "
                        + error.code() + " (" + response.errors().size() + " of " + batch.size() + " failed)");
            }
        }
    }

    /** A URL that downloads an S3 object without credentials until {@code validity} has passed. */
    URI presignGet(String name, Duration validity) {
        if (presigner == null) {
            throw new IllegalStateException("presigned downloads are off");
        }
        var presigned = call("presign GetObject", name, () -> presigner.presignGetObject(p -> p
                .signatureDuration(validity).getObjectRequest(r -> r.bucket(bucket).key(name))));
        try {
            return presigned.url().toURI();
        } catch (URISyntaxException e) {
            throw new StorageException("S3 presigned URL of " + name + " is no URI", e);
        }
    }

    /** Runs one S3 request, turning its failure into a {@link StorageException}. */
    <T> T call(String operation, String name, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw failure(operation, name, e);
        }
    }

    StorageException failure(String operation, String name, SdkException e) {
        String what = name.isEmpty() ? bucket : bucket + "/" + name;
        return new StorageException("S3 " + operation + " of " + what + " failed: " + summary(e), e);
    }

    /**
     * Status and error code only: service error messages may quote the signed request, and client errors name
     * no more than the failure.
     */
    private static String summary(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return "HTTP " + service.statusCode() + (code == null ? "" : " " + code);
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The HTTP status of a service failure; 0 when the request got no answer. */
    static int statusOf(SdkException e) {
        return e instanceof AwsServiceException service ? service.statusCode() : 0;
    }

    @Override
    public void close() {
        try {
            if (presigner != null) {
                presigner.close();
            }
        } finally {
            s3.close();
        }
    }
}
